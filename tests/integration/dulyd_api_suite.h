// The API behaviour suite, run against a real dulyd on SQLite (dulyd_api_test.cpp) and on
// PostgreSQL (dulyd_api_pgtest.cpp). DULY_API_SUITE(Fixture) instantiates every test for a
// fixture class derived from DulydFixture.
#pragma once

#include <nlohmann/json.hpp>

#include "tests/integration/dulyd_fixture.h"

namespace duly::testing {

// A colleague, two customers and three invoices that the tests build on.
nlohmann::json SampleColleagues();
nlohmann::json SampleCustomers();
nlohmann::json SampleInvoices();

}  // namespace duly::testing

// clang-format off
#define DULY_API_SUITE(Fixture)                                                                 \
  TEST_F(Fixture, ProbesAnswerWithoutToken) { RunProbesAnswerWithoutToken(); }                \
  TEST_F(Fixture, RoutesNeedAToken) { RunRoutesNeedAToken(); }                                \
  TEST_F(Fixture, ImportsAndReadsBack) { RunImportsAndReadsBack(); }                          \
  TEST_F(Fixture, SameBatchTwiceChangesNothing) { RunSameBatchTwiceChangesNothing(); }        \
  TEST_F(Fixture, BadItemRejectsWholeBatch) { RunBadItemRejectsWholeBatch(); }                \
  TEST_F(Fixture, PaymentReducesOpenAmount) { RunPaymentReducesOpenAmount(); }                \
  TEST_F(Fixture, OversizedBodyIsRefused) { RunOversizedBodyIsRefused(); }                    \
  TEST_F(Fixture, DataSurvivesRestartAndKill) { RunDataSurvivesRestartAndKill(); }            \
  TEST_F(Fixture, HistoryIsChainedAndVerifiable) { RunHistoryIsChainedAndVerifiable(); }
// clang-format on

namespace duly::testing {

class DulydApiSuite : public DulydFixture {
 protected:
  using DulydFixture::DulydFixture;
  void LoadSamples();
  void RunProbesAnswerWithoutToken();
  void RunRoutesNeedAToken();
  void RunImportsAndReadsBack();
  void RunSameBatchTwiceChangesNothing();
  void RunBadItemRejectsWholeBatch();
  void RunPaymentReducesOpenAmount();
  void RunOversizedBodyIsRefused();
  void RunDataSurvivesRestartAndKill();
  void RunHistoryIsChainedAndVerifiable();
};

}  // namespace duly::testing
