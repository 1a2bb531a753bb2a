// Writing a file of the letter spool so that it is whole or absent.
//
// Promise: WriteFileAtomically writes `bytes` to "<path>.tmp", flushes it to disk (fsync), and
// renames it over `path`; on failure it removes the temporary file and returns kUnavailable
// naming the path and the system's reason. ReadWholeFile returns the file's bytes or kNotFound /
// kUnavailable naming the path. Thread-safe for different paths.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "workflows/status.h"

namespace duly::channels {

Status WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes);
Result<std::string> ReadWholeFile(const std::filesystem::path& path);

}  // namespace duly::channels
