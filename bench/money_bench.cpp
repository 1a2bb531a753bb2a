// Micro benchmarks for duly::Money: parsing and printing amounts, which every CSV row and JSON
// invoice goes through during a bulk import. Run: build/release/bench/duly_money_bench
#include <array>
#include <cstddef>
#include <string_view>

#include <benchmark/benchmark.h>

#include "workflows/money.h"

namespace {

constexpr std::array<std::string_view, 6> kAmounts = {"1250", "1250.5",   "-3.10",
                                                      "0.01", "99999.99", "1234567890123.45"};

void BM_MoneyParse(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    auto money = duly::Money::Parse(kAmounts[i % kAmounts.size()]);
    benchmark::DoNotOptimize(money);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyParse);

void BM_MoneyParseRejects(benchmark::State& state) {
  for (auto _ : state) {
    auto money = duly::Money::Parse("12.345");
    benchmark::DoNotOptimize(money);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyParseRejects);

void BM_MoneyToString(benchmark::State& state) {
  const duly::Money money = duly::Money::FromCents(123456789);
  for (auto _ : state) {
    auto text = money.ToString();
    benchmark::DoNotOptimize(text);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyToString);

}  // namespace
