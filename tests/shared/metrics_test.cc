// Counters, histograms and the Prometheus text format they are written in.
#include "shared/core/metrics.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace gofast::metrics {
namespace {

TEST_CASE("a histogram counts each value in the first bucket whose bound it does not exceed",
          "[unit][metrics]") {
  Histogram histogram({1, 2});
  for (const double value : {0.5, 1.0, 3.0, 2.0}) histogram.Observe(value);
  const Histogram::Counts counts = histogram.Read();
  CHECK(counts.cumulative == std::vector<uint64_t>{2, 3, 4});
  CHECK(counts.count == 4);
  CHECK(counts.sum == Approx(6.5));
}

TEST_CASE("the text format writes HELP and TYPE once, then samples with escaped labels",
          "[unit][metrics]") {
  Exposition out;
  out.Family("gofast_things_total", Type::kCounter, "Things, with a \\ and a\nline feed.");
  out.Sample("gofast_things_total", {{"route", "/a\"b\\c\nd"}, {"method", "GET"}}, 3);
  out.Sample("gofast_things_total", {}, 0.25);
  CHECK(out.text() ==
        "# HELP gofast_things_total Things, with a \\\\ and a\\nline feed.\n"
        "# TYPE gofast_things_total counter\n"
        "gofast_things_total{route=\"/a\\\"b\\\\c\\nd\",method=\"GET\"} 3\n"
        "gofast_things_total 0.25\n");
}

TEST_CASE("a histogram is written as cumulative buckets up to +Inf, a sum and a count",
          "[unit][metrics]") {
  Histogram histogram({0.25, 0.5});
  histogram.Observe(0.25);
  histogram.Observe(7);
  Exposition out;
  out.Family("gofast_seconds", Type::kHistogram, "Time.");
  out.HistogramSamples("gofast_seconds", {{"route", "/x"}}, histogram);
  CHECK(out.text() ==
        "# HELP gofast_seconds Time.\n"
        "# TYPE gofast_seconds histogram\n"
        "gofast_seconds_bucket{route=\"/x\",le=\"0.25\"} 1\n"
        "gofast_seconds_bucket{route=\"/x\",le=\"0.5\"} 1\n"
        "gofast_seconds_bucket{route=\"/x\",le=\"+Inf\"} 2\n"
        "gofast_seconds_sum{route=\"/x\"} 7.25\n"
        "gofast_seconds_count{route=\"/x\"} 2\n");
}

TEST_CASE("a counter family keeps one count per combination of label values", "[unit][metrics]") {
  CounterFamily family;
  family.Increment({"/b", "GET", "200"});
  family.Increment({"/a", "GET", "404"});
  family.Increment({"/b", "GET", "200"});
  const auto counts = family.Read();
  REQUIRE(counts.size() == 2);
  CHECK(counts[0] == std::make_pair(std::vector<std::string>{"/a", "GET", "404"}, uint64_t{1}));
  CHECK(counts[1] == std::make_pair(std::vector<std::string>{"/b", "GET", "200"}, uint64_t{2}));
}

}  // namespace
}  // namespace gofast::metrics
