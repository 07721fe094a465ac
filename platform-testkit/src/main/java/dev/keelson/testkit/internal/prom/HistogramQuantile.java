package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.prom.Value.Sample;
import dev.keelson.testkit.internal.prom.Value.Vector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code histogram_quantile(φ, buckets)} over classic histograms, as Prometheus' {@code bucketQuantile}: buckets are
 * grouped by their labels other than {@code le}, sorted by upper bound, made monotonic, and the quantile is
 * interpolated linearly inside the bucket where its rank falls (the lowest bucket starting at 0).
 */
final class HistogramQuantile {

  private record Bucket(double upperBound, double count) {
  }

  private HistogramQuantile() {
  }

  static Vector apply(double q, Vector buckets) {
    Map<Labels, List<Bucket>> groups = new LinkedHashMap<>();
    for (Sample s : buckets.samples()) {
      String le = s.labels().get("le");
      if (le.isEmpty()) {
        continue;
      }
      double bound;
      try {
        bound = parseBound(le);
      } catch (NumberFormatException e) {
        continue;
      }
      groups.computeIfAbsent(s.labels().without(Set.of("le", Labels.NAME)), k -> new ArrayList<>())
          .add(new Bucket(bound, s.value()));
    }
    List<Sample> out = new ArrayList<>();
    groups.forEach((labels, bs) -> out.add(new Sample(labels, quantile(q, bs))));
    return new Vector(out);
  }

  private static double parseBound(String le) {
    return switch (le) {
      case "+Inf", "Inf", "+inf", "inf" -> Double.POSITIVE_INFINITY;
      default -> Double.parseDouble(le);
    };
  }

  static double quantile(double q, List<Bucket> unsorted) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    List<Bucket> buckets = new ArrayList<>(unsorted);
    buckets.sort(Comparator.comparingDouble(Bucket::upperBound));
    if (buckets.isEmpty() || !Double.isInfinite(buckets.get(buckets.size() - 1).upperBound())) {
      return Double.NaN;
    }
    buckets = coalesceAndMakeMonotonic(buckets);
    if (buckets.size() < 2) {
      return Double.NaN;
    }
    double observations = buckets.get(buckets.size() - 1).count();
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < buckets.size() - 1 && buckets.get(b).count() < rank) {
      b++;
    }
    if (b == buckets.size() - 1) {
      return buckets.get(buckets.size() - 2).upperBound();
    }
    if (b == 0 && buckets.get(0).upperBound() <= 0) {
      return buckets.get(0).upperBound();
    }
    double bucketStart = 0;
    double bucketEnd = buckets.get(b).upperBound();
    double count = buckets.get(b).count();
    if (b > 0) {
      bucketStart = buckets.get(b - 1).upperBound();
      count -= buckets.get(b - 1).count();
      rank -= buckets.get(b - 1).count();
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
  }

  /** Buckets with the same bound are added up; a count lower than the one before is raised to it. */
  private static List<Bucket> coalesceAndMakeMonotonic(List<Bucket> sorted) {
    List<Bucket> out = new ArrayList<>();
    for (Bucket b : sorted) {
      Bucket last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.upperBound() == b.upperBound()) {
        out.set(out.size() - 1, new Bucket(b.upperBound(), last.count() + b.count()));
      } else {
        out.add(b);
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < out.size(); i++) {
      Bucket b = out.get(i);
      if (b.count() < max) {
        out.set(i, new Bucket(b.upperBound(), max));
      } else {
        max = b.count();
      }
    }
    return out;
  }
}
