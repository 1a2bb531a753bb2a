#include "daemon/http/run_blocking.h"

#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "daemon/http/net.h"

namespace duly::daemon {
namespace {

struct Observed {
  bool work_on_pool = false;
  bool work_on_strand = true;
  bool resumed_on_strand = false;
  bool resumed_on_pool = true;
  int value = 0;
};

// Runs `body` as a coroutine on an io_context served by one thread (the server's setup), and
// returns what it observed once the io_context has run out of work.
template <typename Body>
Observed RunOnStrand(Body body) {
  net::io_context ioc;
  net::thread_pool pool(2);
  auto strand = ioc.get_executor();  // the implicit strand of a one-thread io_context
  Observed observed;
  std::promise<void> done;
  net::co_spawn(
      strand, [&]() -> net::awaitable<void> { co_await body(pool, strand, observed); },
      [&done](std::exception_ptr error) {
        if (error) {
          done.set_exception(error);
        } else {
          done.set_value();
        }
      });
  std::vector<std::thread> threads;
  threads.emplace_back([&ioc] { ioc.run(); });
  for (std::thread& thread : threads) thread.join();
  pool.join();
  done.get_future().get();
  return observed;
}

TEST(RunBlockingTest, WorkRunsOnPoolAndCoroutineResumesOnItsStrand) {
  const Observed observed =
      RunOnStrand([](net::thread_pool& pool, auto strand, Observed& out) -> net::awaitable<void> {
        out.value = co_await RunBlocking(pool, [&pool, strand, &out] {
          out.work_on_pool = pool.get_executor().running_in_this_thread();
          out.work_on_strand = strand.running_in_this_thread();
          return 42;
        });
        out.resumed_on_strand = strand.running_in_this_thread();
        out.resumed_on_pool = pool.get_executor().running_in_this_thread();
      });
  EXPECT_TRUE(observed.work_on_pool);
  EXPECT_FALSE(observed.work_on_strand);
  EXPECT_TRUE(observed.resumed_on_strand);
  EXPECT_FALSE(observed.resumed_on_pool);
  EXPECT_EQ(observed.value, 42);
}

TEST(RunBlockingTest, VoidWorkRuns) {
  const Observed observed =
      RunOnStrand([](net::thread_pool& pool, auto strand, Observed& out) -> net::awaitable<void> {
        co_await RunBlocking(pool, [&pool, &out] {
          out.work_on_pool = pool.get_executor().running_in_this_thread();
        });
        out.resumed_on_strand = strand.running_in_this_thread();
      });
  EXPECT_TRUE(observed.work_on_pool);
  EXPECT_TRUE(observed.resumed_on_strand);
}

TEST(RunBlockingTest, ExceptionReachesTheAwaitingCoroutineOnItsStrand) {
  const Observed observed =
      RunOnStrand([](net::thread_pool& pool, auto strand, Observed& out) -> net::awaitable<void> {
        try {
          co_await RunBlocking(pool, []() -> int { throw std::runtime_error("database gone"); });
        } catch (const std::runtime_error& e) {
          out.value = std::string(e.what()) == "database gone" ? 1 : 2;
        }
        out.resumed_on_strand = strand.running_in_this_thread();
      });
  EXPECT_EQ(observed.value, 1);
  EXPECT_TRUE(observed.resumed_on_strand);
}

}  // namespace
}  // namespace duly::daemon
