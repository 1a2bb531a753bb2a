#include "workflows/base64.h"

#include <string>

#include <gtest/gtest.h>

namespace duly {
namespace {

TEST(Base64Test, RoundTripsAndIsStrict) {
  for (const char* bytes : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(*DecodeBase64(EncodeBase64(bytes)), bytes);
  }
  EXPECT_EQ(EncodeBase64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(EncodeBase64("fo"), "Zm8=");
  EXPECT_FALSE(DecodeBase64("Zm8").has_value());     // no padding
  EXPECT_FALSE(DecodeBase64("Zm9=").has_value());    // bits beyond the data
  EXPECT_FALSE(DecodeBase64("Z=8=").has_value());    // padding inside
  EXPECT_FALSE(DecodeBase64("Zm\n8=").has_value());  // line break
  EXPECT_FALSE(DecodeBase64("Z===").has_value());    // too much padding
}

TEST(Base64Test, RoundTripsEveryByteValue) {
  std::string bytes;
  for (int value = 0; value < 256; ++value) bytes += static_cast<char>(value);
  EXPECT_EQ(*DecodeBase64(EncodeBase64(bytes)), bytes);
  EXPECT_NE(DecodeBase64("Zm9v!mFy").error().message.find("character 5"), std::string::npos);
}

}  // namespace
}  // namespace duly
