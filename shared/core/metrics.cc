#include "shared/core/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace gofast::metrics {
namespace {

// As Go's clients write numbers: the shortest digits that read back the same,
// in plain notation between 1e-4 and 1e21 ("0.0001", not "1e-04").
void AppendNumber(std::string& out, double value) {
  if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
    return;
  }
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  char buffer[64];
  const double magnitude = std::fabs(value);
  const bool plain = magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e21);
  const auto written =
      std::to_chars(buffer, buffer + sizeof buffer, value,
                    plain ? std::chars_format::fixed : std::chars_format::scientific);
  out.append(buffer, written.ptr);
}

// In label values a backslash, a double quote and a line feed are escaped;
// in help texts a backslash and a line feed.
void AppendEscaped(std::string& out, std::string_view text, bool quote_too) {
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote_too) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

void AppendLabels(std::string& out, const Labels& labels) {
  if (labels.empty()) return;
  out += '{';
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ',';
    out.append(labels[i].first).append("=\"");
    AppendEscaped(out, labels[i].second, true);
    out += '"';
  }
  out += '}';
}

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kCounter:
      return "counter";
    case Type::kGauge:
      return "gauge";
    case Type::kHistogram:
      return "histogram";
  }
  return "untyped";
}

}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)),
      buckets_(new std::atomic<uint64_t>[upper_bounds_.size() + 1]) {
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) buckets_[i] = 0;
}

void Histogram::Observe(double value) {
  // The first bound not below the value: Prometheus' buckets are "le".
  const size_t bucket = static_cast<size_t>(
      std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value) - upper_bounds_.begin());
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  double sum = sum_.load(std::memory_order_relaxed);
  while (!sum_.compare_exchange_weak(sum, sum + value, std::memory_order_relaxed)) {
  }
}

Histogram::Counts Histogram::Read() const {
  Counts counts;
  counts.cumulative.reserve(upper_bounds_.size() + 1);
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) {
    counts.count += buckets_[i].load(std::memory_order_relaxed);
    counts.cumulative.push_back(counts.count);
  }
  counts.sum = sum_.load(std::memory_order_relaxed);
  return counts;
}

void Exposition::Family(std::string_view name, Type type, std::string_view help) {
  text_.append("# HELP ").append(name).append(" ");
  AppendEscaped(text_, help, false);
  text_.append("\n# TYPE ").append(name).append(" ").append(TypeName(type)).append("\n");
}

void Exposition::Sample(std::string_view name, const Labels& labels, double value) {
  text_.append(name);
  AppendLabels(text_, labels);
  text_ += ' ';
  AppendNumber(text_, value);
  text_ += '\n';
}

void Exposition::HistogramSamples(std::string_view name, const Labels& labels,
                                  const Histogram& histogram) {
  const Histogram::Counts counts = histogram.Read();
  const std::string bucket_name = std::string(name) + "_bucket";
  Labels with_bound = labels;
  for (size_t i = 0; i < counts.cumulative.size(); ++i) {
    std::string bound;
    AppendNumber(bound,
                 i < histogram.upper_bounds().size() ? histogram.upper_bounds()[i] : INFINITY);
    with_bound.resize(labels.size());
    with_bound.emplace_back("le", bound);
    Sample(bucket_name, with_bound, static_cast<double>(counts.cumulative[i]));
  }
  Sample(std::string(name) + "_sum", labels, counts.sum);
  Sample(std::string(name) + "_count", labels, static_cast<double>(counts.count));
}

void CounterFamily::Increment(const std::vector<std::string>& label_values) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++counts_[label_values];
}

std::vector<std::pair<std::vector<std::string>, uint64_t>> CounterFamily::Read() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {counts_.begin(), counts_.end()};
}

}  // namespace gofast::metrics
