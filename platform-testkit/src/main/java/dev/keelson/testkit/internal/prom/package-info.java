/**
 * The simulated cluster's Prometheus: a PromQL subset (tokenizer {@link dev.keelson.testkit.internal.prom.Lexer},
 * recursive-descent {@link dev.keelson.testkit.internal.prom.Parser}, {@link
 * dev.keelson.testkit.internal.prom.Evaluator}) over any {@link dev.keelson.testkit.internal.prom.SeriesSource},
 * and the HTTP API ({@link dev.keelson.testkit.internal.prom.QueryApi}, with the series and label endpoints of
 * {@link dev.keelson.testkit.internal.prom.MetadataApi}) answering in Prometheus' JSON shape.
 * Semantics follow Prometheus 2.x: 5 m lookback, closed range windows, extrapolated {@code rate}, histogram
 * quantiles by linear interpolation inside a bucket.
 */
package dev.keelson.testkit.internal.prom;
