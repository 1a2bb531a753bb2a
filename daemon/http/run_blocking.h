// RunBlocking(pool, fn): runs blocking work (SOCI, curl, PDF rendering) on the blocking thread
// pool and resumes the awaiting coroutine on its own executor (its strand), never on the pool.
//
// Promise: `fn` runs exactly once on a thread of `pool`; its result (or the exception it threw)
// is delivered to the awaiting coroutine, which continues on the executor it was running on. The
// I/O threads therefore never block on a database or a provider. While the work runs, the
// awaiting coroutine's executor counts it as outstanding work, so io_context::run() does not
// return under it.
// Why not co_spawn(pool, ..., use_awaitable): in Asio 1.18 (Boost 1.74) co_spawn starts the new
// coroutine on the calling thread, and a pool thread can resume it before that thread has left
// it (chriskohlhoff/asio#552): a crash seen here. Posting a plain function avoids the second
// coroutine altogether.
// Thread-safety: `fn` is moved to a pool thread. REQUIRES: the awaiting coroutine runs on a
// strand (or a single-threaded io_context), and `pool` outlives the await.
#pragma once

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "daemon/http/net.h"

namespace duly::daemon {

template <typename Fn>
net::awaitable<std::invoke_result_t<Fn&>> RunBlocking(net::thread_pool& pool, Fn fn) {
  using Value = std::invoke_result_t<Fn&>;
  const auto executor = co_await net::this_coro::executor;
  if constexpr (std::is_void_v<Value>) {
    co_await net::async_initiate<const net::use_awaitable_t<>, void(std::exception_ptr)>(
        [&pool, executor](auto handler, Fn work) {
          net::post(pool, [handler = std::move(handler), work = std::move(work),
                           guard = net::make_work_guard(executor)]() mutable {
            std::exception_ptr error;
            try {
              work();
            } catch (...) {
              error = std::current_exception();  // delivered to the awaiting coroutine
            }
            auto resume_on = guard.get_executor();
            net::dispatch(resume_on,
                          [handler = std::move(handler), error]() mutable { handler(error); });
          });
        },
        net::use_awaitable, std::move(fn));
  } else {
    std::optional<Value> value =
        co_await net::async_initiate<const net::use_awaitable_t<>,
                                     void(std::exception_ptr, std::optional<Value>)>(
            [&pool, executor](auto handler, Fn work) {
              net::post(pool, [handler = std::move(handler), work = std::move(work),
                               guard = net::make_work_guard(executor)]() mutable {
                std::exception_ptr error;
                std::optional<Value> result;
                try {
                  result.emplace(work());
                } catch (...) {
                  error = std::current_exception();  // delivered to the awaiting coroutine
                }
                auto resume_on = guard.get_executor();
                net::dispatch(resume_on, [handler = std::move(handler), error,
                                          result = std::move(result)]() mutable {
                  handler(error, std::move(result));
                });
              });
            },
            net::use_awaitable, std::move(fn));
    co_return std::move(*value);
  }
}

}  // namespace duly::daemon
