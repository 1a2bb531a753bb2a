// The only place that includes Boost.Asio and Boost.Beast, and their short namespace aliases.
//
// Promise: <utility> comes before Asio (Boost 1.74 fails inside awaitable.hpp with "'exchange' is
// not a member of 'std'" otherwise). Asio and Beast are compiled once, in the duly_net library
// (BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION), so a translation unit that
// includes this header only instantiates templates. Include it only in server internals and
// executables; no header that domain or API code sees may include it.
// Thread-safety: as documented by Asio and Beast.
#pragma once

// clang-format off
#include <utility>
// clang-format on

#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace duly::daemon {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

}  // namespace duly::daemon
