// The one translation unit that compiles Boost.Asio and Boost.Beast (separate compilation).
// Every other file sees only their declarations, through daemon/http/net.h.

// clang-format off
#include <utility>
// clang-format on

#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
