#include "daemon/csv/csv_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/csv/csv_writer.h"

namespace duly::daemon {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

TEST(CsvTableTest, ReadsHeaderAndNumberedRows) {
  auto table = CsvTable::Parse("id,name\r\nC1,Jansen\r\nC2,Peeters\r\n");
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_THAT(table->header(), ElementsAre("id", "name"));
  ASSERT_EQ(table->rows().size(), 2u);
  EXPECT_EQ(table->rows()[0].number, 2);
  EXPECT_THAT(table->rows()[1].fields, ElementsAre("C2", "Peeters"));
  EXPECT_EQ(table->ColumnIndex("name"), 1u);
  EXPECT_FALSE(table->ColumnIndex("email"));
}

TEST(CsvTableTest, ReadsQuotedCommasQuotesAndLineBreaks) {
  auto table = CsvTable::Parse(
      "id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"line one\nline two\"\n4,last\n");
  ASSERT_TRUE(table) << table.error().message;
  ASSERT_EQ(table->rows().size(), 4u);
  EXPECT_EQ(table->rows()[0].fields[1], "a, b");
  EXPECT_EQ(table->rows()[1].fields[1], "say \"hi\"");
  EXPECT_EQ(table->rows()[2].fields[1], "line one\nline two");
  // A quoted line break does not start a row: the fourth record is row 5.
  EXPECT_EQ(table->rows()[3].number, 5);
}

TEST(CsvTableTest, KeepsSpacesAndEmptyFieldsAndLastLineWithoutNewline) {
  auto table = CsvTable::Parse("a,b,c\n x ,,\"\"\n1,2,3");
  ASSERT_TRUE(table) << table.error().message;
  ASSERT_EQ(table->rows().size(), 2u);
  EXPECT_THAT(table->rows()[0].fields, ElementsAre(" x ", "", ""));
  EXPECT_THAT(table->rows()[1].fields, ElementsAre("1", "2", "3"));
}

TEST(CsvTableTest, StripsUtf8ByteOrderMark) {
  auto table = CsvTable::Parse("\xEF\xBB\xBFid,name\nC1,Café Ré\n");
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->header()[0], "id");
  EXPECT_EQ(table->rows()[0].fields[1], "Café Ré");
}

TEST(CsvTableTest, RejectsASecondByteOrderMark) {
  auto table = CsvTable::Parse("\xEF\xBB\xBF\xEF\xBB\xBFid\nC1\n");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().fields[0].field, "row 1, column 1");
  EXPECT_THAT(table.error().fields[0].message, ::testing::HasSubstr("byte order mark"));
}

TEST(CsvTableTest, SkipsBlankLines) {
  auto table = CsvTable::Parse("id\n\nC1\n\n");
  ASSERT_TRUE(table) << table.error().message;
  ASSERT_EQ(table->rows().size(), 1u);
}

TEST(CsvTableTest, RejectsRaggedRowsNamingEachRow) {
  auto table = CsvTable::Parse("id,name,city\nC1,Jansen,Gent\nC2,Peeters\nC3,a,b,c\n");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(table.error().fields,
              ElementsAre(FieldError{"row 3", "has 2 fields; the header has 3"},
                          FieldError{"row 4", "has 4 fields; the header has 3"}));
}

TEST(CsvTableTest, RejectsInvalidUtf8NamingRowAndColumn) {
  auto table = CsvTable::Parse("id,name\nC1,Ok\nC2,Caf\xE9\n");
  ASSERT_FALSE(table);
  ASSERT_EQ(table.error().fields.size(), 1u);
  EXPECT_EQ(table.error().fields[0].field, "row 3, column name");
  EXPECT_THAT(table.error().fields[0].message, ::testing::HasSubstr("UTF-8"));
}

TEST(CsvTableTest, RejectsOverlongUtf8AndBadHeaderBytes) {
  EXPECT_FALSE(CsvTable::Parse("id\n\xC0\xAF\n"));
  auto table = CsvTable::Parse("id,\xFF\nC1,x\n");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().fields[0].field, "row 1, column 2");
}

TEST(CsvTableTest, RejectsDuplicateAndEmptyColumnNames) {
  auto table = CsvTable::Parse("id,name,,name\n1,2,3,4\n");
  ASSERT_FALSE(table);
  EXPECT_THAT(table.error().fields, ElementsAre(Field(&FieldError::field, "row 1, column 3"),
                                                Field(&FieldError::field, "row 1, column name")));
}

TEST(CsvTableTest, RejectsEmptyFile) {
  EXPECT_FALSE(CsvTable::Parse(""));
  EXPECT_FALSE(CsvTable::Parse("\xEF\xBB\xBF"));
  EXPECT_FALSE(CsvTable::Parse("\n\n"));
}

TEST(CsvTableTest, RejectsBrokenQuotingNamingTheRow) {
  auto stray = CsvTable::Parse("id,name\nC1,ok\nC2,ab\"c\n");
  ASSERT_FALSE(stray);
  EXPECT_EQ(stray.error().fields[0].field, "row 3");
  auto after = CsvTable::Parse("id,name\nC1,\"ab\"c\n");
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().fields[0].field, "row 2");
  auto open = CsvTable::Parse("id,name\nC1,\"never closed\n");
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().fields[0].field, "row 2");
}

TEST(CsvTableTest, CapsTheNumberOfReportedErrors) {
  std::string text = "a,b\n";
  for (int i = 0; i < 80; ++i) text += "only-one\n";
  auto table = CsvTable::Parse(text);
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().fields.size(), CsvTable::kMaxReportedErrors);
  EXPECT_THAT(table.error().message, ::testing::HasSubstr("80 problems"));
}

TEST(CsvWriterTest, QuotesOnlyWhenNeeded) {
  CsvWriter writer;
  writer.AddRow(std::vector<std::string>{"plain", "a,b", "say \"hi\"", "two\nlines", " pad", ""});
  EXPECT_EQ(writer.text(), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",\r\n");
}

TEST(CsvWriterTest, WhatItWritesParsesBackToTheSameFields) {
  const std::vector<std::vector<std::string>> rows = {
      {"id", "note", "x"}, {"1", "a,b\r\nc", ""}, {"2", "\"\"", " both "}, {"3", "Ünïcödé €", ","}};
  CsvWriter writer;
  for (const auto& row : rows) writer.AddRow(row);
  auto table = CsvTable::Parse(writer.text());
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->header(), rows[0]);
  ASSERT_EQ(table->rows().size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(table->rows()[i].fields, rows[i + 1]);
}

TEST(CsvWriterTest, SingleEmptyFieldSurvivesTheRoundTrip) {
  CsvWriter writer;
  writer.AddRow(std::vector<std::string>{"note"});
  writer.AddRow(std::vector<std::string>{""});
  auto table = CsvTable::Parse(writer.text());
  ASSERT_TRUE(table) << table.error().message;
  ASSERT_EQ(table->rows().size(), 1u);
  EXPECT_EQ(table->rows()[0].fields, std::vector<std::string>{""});
}

}  // namespace
}  // namespace duly::daemon
