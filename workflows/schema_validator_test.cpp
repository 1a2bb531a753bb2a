#include "workflows/schema_validator.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "schemas/files.h"

namespace duly {
namespace {

using nlohmann::json;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

json ValidInvoice(const std::string& id) {
  return json{{"id", id},
              {"customer", "C1"},
              {"issued", "2026-03-01"},
              {"due", "2026-03-31"},
              {"amount", "1250.00"},
              {"currency", "EUR"}};
}

std::vector<FieldError> Problems(const SchemaValidator& validator, const json& document) {
  Status status = validator.Validate(document);
  if (status.ok()) return {};
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  return status.error().fields;
}

std::string MessageAt(const std::vector<FieldError>& fields, const std::string& pointer) {
  for (const FieldError& field : fields) {
    if (field.field == pointer) return field.message;
  }
  return "(no error at " + pointer + ")";
}

TEST(SchemaValidatorTest, EveryEmbeddedSchemaCompiles) {
  int schemas = 0;
  for (const auto& [name, text] : schemas::Files()) {
    if (!std::string_view(name).ends_with(".schema.json")) continue;
    ++schemas;
    auto validator = SchemaValidator::Load(name);
    EXPECT_TRUE(validator.has_value()) << name << ": " << validator.error().message;
  }
  EXPECT_GE(schemas, 9);
}

TEST(SchemaValidatorTest, UnknownFileIsNotFound) {
  auto validator = SchemaValidator::Load("nothing.schema.json");
  ASSERT_FALSE(validator.has_value());
  EXPECT_EQ(validator.error().code, ErrorCode::kNotFound);
}

TEST(SchemaValidatorTest, AcceptsAValidBatch) {
  auto validator = SchemaValidator::Load("invoices.schema.json");
  ASSERT_TRUE(validator.has_value());
  json body = {{"invoices", {ValidInvoice("INV-1"), ValidInvoice("INV-2")}}};
  EXPECT_TRUE(validator->Validate(body).ok());
}

TEST(SchemaValidatorTest, NamesEveryFailingFieldByPointerAcrossRefs) {
  auto validator = SchemaValidator::Load("invoices.schema.json");
  ASSERT_TRUE(validator.has_value());
  json body = {{"invoices", json::array()}};
  for (int i = 0; i < 5; ++i) body["invoices"].push_back(ValidInvoice("INV-" + std::to_string(i)));
  body["invoices"][1]["amount"] = "-5.00";
  body["invoices"][3]["amount"] = "12.345";
  body["invoices"][3]["due"] = "2026-13-01";
  body["invoices"][3].erase("customer");
  body["invoices"][4]["colour"] = "blue";
  body["invoices"][4]["kind"] = "bill";
  body["invoices"][0]["currency"] = 978;
  std::vector<FieldError> fields = Problems(*validator, body);
  EXPECT_THAT(fields, UnorderedElementsAre(Field(&FieldError::field, "/invoices/0/currency"),
                                           Field(&FieldError::field, "/invoices/1/amount"),
                                           Field(&FieldError::field, "/invoices/3/amount"),
                                           Field(&FieldError::field, "/invoices/3/due"),
                                           Field(&FieldError::field, "/invoices/3/customer"),
                                           Field(&FieldError::field, "/invoices/4/colour"),
                                           Field(&FieldError::field, "/invoices/4/kind")));
  EXPECT_EQ(MessageAt(fields, "/invoices/0/currency"), "must be a string, not an integer");
  EXPECT_THAT(MessageAt(fields, "/invoices/3/amount"), HasSubstr("two decimals"));
  EXPECT_THAT(MessageAt(fields, "/invoices/3/due"), HasSubstr("YYYY-MM-DD"));
  EXPECT_EQ(MessageAt(fields, "/invoices/3/customer"), "is required");
  EXPECT_EQ(MessageAt(fields, "/invoices/4/colour"), "is not an allowed field here");
  EXPECT_EQ(MessageAt(fields, "/invoices/4/kind"), "must be one of: invoice, credit_note");
}

TEST(SchemaValidatorTest, ErrorMessageSummarisesTheFirstProblem) {
  auto validator = SchemaValidator::Load("customer.schema.json");
  ASSERT_TRUE(validator.has_value());
  Status status = validator->Validate(json{{"id", "C1"}, {"name", std::string(201, 'x')}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message,
            "Customer is invalid: 1 problem, the first at /name: must be at most 200 characters");
}

TEST(SchemaValidatorTest, CustomerRiskRatingIsOneOfThreeWordsOrEmpty) {
  auto validator = SchemaValidator::Load("customer.schema.json");
  ASSERT_TRUE(validator.has_value());
  for (const char* rating : {"low", "medium", "high", ""}) {
    EXPECT_TRUE(
        validator->Validate(json{{"id", "C1"}, {"name", "X"}, {"risk_rating", rating}}).ok())
        << rating;
  }
  EXPECT_THAT(Problems(*validator, json{{"id", "C1"}, {"name", "X"}, {"risk_rating", "severe"}}),
              Contains(Field(&FieldError::field, "/risk_rating")));
}

TEST(SchemaValidatorTest, WrongTopLevelTypeIsNamedAtTheRoot) {
  auto validator = SchemaValidator::Load("customers.schema.json");
  ASSERT_TRUE(validator.has_value());
  EXPECT_THAT(Problems(*validator, json::array()),
              Contains(FieldError{"", "must be an object, not an array"}));
  EXPECT_THAT(Problems(*validator, json{{"customers", "C1"}}),
              Contains(FieldError{"/customers", "must be an array, not a string"}));
}

TEST(SchemaValidatorTest, BatchSizeIsLimited) {
  auto validator = SchemaValidator::Load("payments.schema.json");
  ASSERT_TRUE(validator.has_value());
  json payment = {{"id", "P"}, {"customer", "C1"}, {"amount", "1.00"}, {"received", "2026-01-01"}};
  json body = {{"payments", json::array()}};
  for (int i = 0; i < 10001; ++i) body["payments"].push_back(payment);
  EXPECT_THAT(Problems(*validator, body),
              Contains(FieldError{"/payments", "must have at most 10000 items"}));
}

TEST(SchemaValidatorTest, PointerTokensAreEscaped) {
  EXPECT_EQ(EscapePointerToken("a/b~c"), "a~1b~0c");
  auto validator = SchemaValidator::Load("colleague.schema.json");
  ASSERT_TRUE(validator.has_value());
  EXPECT_THAT(Problems(*validator, json{{"id", "A"}, {"name", "Ann"}, {"x/y", 1}}),
              Contains(Field(&FieldError::field, "/x~1y")));
}

TEST(SchemaValidatorTest, SchemaThatCannotCompileIsAnError) {
  auto validator = SchemaValidator::FromDocument(json{{"$ref", "http://localhost:1234/x.json"}});
  ASSERT_FALSE(validator.has_value());
  EXPECT_EQ(validator.error().code, ErrorCode::kInvalidArgument);
}

// The official JSON Schema test suite (draft-07) for the keywords duly's schemas use.
// Debian package json-schema-test-suite; script/bootstrap installs it.
constexpr const char* kSuiteDir = "/usr/share/json-schema-test-suite/tests/draft7";

TEST(SchemaValidatorTest, PassesOfficialDraft7SuiteForUsedKeywords) {
  if (!std::filesystem::is_directory(kSuiteDir)) {
    GTEST_SKIP() << kSuiteDir << " is absent: install the Debian package json-schema-test-suite "
                 << "(script/bootstrap does)";
  }
  int cases = 0;
  for (const char* keyword :
       {"type", "required", "properties", "additionalProperties", "pattern", "maxLength",
        "minLength", "minimum", "maximum", "enum", "items", "maxItems", "minItems"}) {
    const std::string path = std::string(kSuiteDir) + "/" + keyword + ".json";
    std::ifstream file(path);
    ASSERT_TRUE(file.good()) << path;
    const json groups = json::parse(file);
    for (const json& group : groups) {
      const std::string group_name = group.at("description").get<std::string>();
      auto validator = SchemaValidator::FromDocument(group.at("schema"));
      ASSERT_TRUE(validator.has_value()) << keyword << " / " << group_name;
      for (const json& test : group.at("tests")) {
        ++cases;
        const bool valid = test.at("valid").get<bool>();
        EXPECT_EQ(validator->Validate(test.at("data")).ok(), valid)
            << keyword << " / " << group_name << " / " << test.at("description").get<std::string>();
      }
    }
  }
  EXPECT_GT(cases, 150);
}

}  // namespace
}  // namespace duly
