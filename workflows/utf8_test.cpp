#include "workflows/utf8.h"

#include <string>

#include <gtest/gtest.h>

namespace duly {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Bakkerij De Vries"));
  EXPECT_TRUE(IsValidUtf8("Société Générale"));     // 2-byte
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC 125,00"));  // U+20AC euro sign, 3-byte
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));     // U+1F600, 4-byte
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));         // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));         // U+E000, just above them
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));     // U+10FFFF, the last code point
}

TEST(Utf8Test, RejectsOverlongForms) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));  // '/' in two bytes
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST(Utf8Test, RejectsSurrogatesAndBeyondUnicode) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Utf8Test, RejectsBrokenSequences) {
  EXPECT_FALSE(IsValidUtf8("\x80"));              // stray continuation byte
  EXPECT_FALSE(IsValidUtf8("caf\xC3"));           // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated 3-byte
  EXPECT_FALSE(IsValidUtf8("\xE2\x28\xA1"));      // bad continuation
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98\x28"));  // bad last continuation
  EXPECT_FALSE(IsValidUtf8("Soci\xE9t\xE9"));     // Latin-1, not UTF-8
}

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(CountCodePoints(""), 0U);
  EXPECT_EQ(CountCodePoints("abc"), 3U);
  EXPECT_EQ(CountCodePoints("Soci\xC3\xA9t\xC3\xA9"), 7U);
  EXPECT_EQ(CountCodePoints("\xE2\x82\xAC\xF0\x9F\x98\x80"), 2U);
}

TEST(Utf8Test, FindsControlCharacters) {
  EXPECT_FALSE(HasControlCharacter("Jan de Vries \xC3\xA9"));
  EXPECT_TRUE(HasControlCharacter("line\nbreak"));
  EXPECT_TRUE(HasControlCharacter(std::string("nul\0byte", 8)));
  EXPECT_TRUE(HasControlCharacter("del\x7F"));
  EXPECT_TRUE(HasControlCharacter("c1\xC2\x85"));     // U+0085 next line
  EXPECT_FALSE(HasControlCharacter("nbsp\xC2\xA0"));  // U+00A0 is printable
}

}  // namespace
}  // namespace duly
