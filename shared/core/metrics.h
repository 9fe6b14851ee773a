#ifndef GOFAST_SHARED_CORE_METRICS_H_
#define GOFAST_SHARED_CORE_METRICS_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Counters and histograms that the parts of a service keep for GET /metrics,
// and the Prometheus text format (version 0.0.4) they are written in.
// Debian packages no C++ Prometheus client; this is the small part of one a
// service needs. Updates are lock-free atomics: they sit on every request.
namespace gofast::metrics {

using Labels = std::vector<std::pair<std::string_view, std::string_view>>;

// Prometheus' type of a family, as "# TYPE" writes it.
enum class Type { kCounter, kGauge, kHistogram };

class Histogram {
 public:
  // `upper_bounds` ascending; a "+Inf" bucket follows them.
  explicit Histogram(std::vector<double> upper_bounds);

  void Observe(double value);

  struct Counts {
    std::vector<uint64_t> cumulative;  // one per upper bound, then +Inf
    uint64_t count = 0;
    double sum = 0;
  };
  Counts Read() const;
  const std::vector<double>& upper_bounds() const { return upper_bounds_; }

 private:
  std::vector<double> upper_bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // not cumulative; +Inf last
  std::atomic<double> sum_{0};
};

// Writes families in the text format: each family's HELP and TYPE lines once,
// then its samples. Label values and help texts are escaped as the format asks.
class Exposition {
 public:
  void Family(std::string_view name, Type type, std::string_view help);
  void Sample(std::string_view name, const Labels& labels, double value);
  // name_bucket{le=...}, name_sum and name_count of one labelled histogram.
  void HistogramSamples(std::string_view name, const Labels& labels, const Histogram& histogram);

  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// Where a part of a service writes its families when /metrics is asked.
using Collector = std::function<void(Exposition&)>;

// Counters by label values fixed when they are first counted (say route,
// method and status). Only labels with a bounded set of values belong here.
class CounterFamily {
 public:
  void Increment(const std::vector<std::string>& label_values);
  // Each counted combination with its count, in label order.
  std::vector<std::pair<std::vector<std::string>, uint64_t>> Read() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, uint64_t> counts_;
};

// The content type of the text format.
inline constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace gofast::metrics

#endif  // GOFAST_SHARED_CORE_METRICS_H_
