package dev.keelson.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server (the Debian package's {@code prometheus} binary) run as a child process on a free
 * loopback port, with its configuration and TSDB in a temporary directory, scraping the given targets every second:
 * for integration tests that must hold against the real thing, not the simulated cluster's query API. Tests skip
 * when the binary is missing, unless the environment variable {@value #REQUIRE} is set (as CI sets it): then they
 * fail.
 *
 * <pre>{@code
 * try (LocalPrometheus prometheus = LocalPrometheus.start("exporter", List.of("127.0.0.1:" + port))) {
 *   PrometheusClient client = PrometheusClient.of(prometheus.uri());
 * }
 * }</pre>
 */
public final class LocalPrometheus implements AutoCloseable {

  /** Set it to make a missing binary fail the test instead of skipping it. */
  public static final String REQUIRE = "KEELSON_REQUIRE_PROMETHEUS";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final Path dir;
  private final Process process;
  private final URI uri;

  private LocalPrometheus(Path dir, Process process, URI uri) {
    this.dir = dir;
    this.process = process;
    this.uri = uri;
  }

  /** Starts Prometheus scraping {@code targets} ({@code host:port}) as job {@code job}, and waits until ready. */
  public static LocalPrometheus start(String job, List<String> targets) throws IOException, InterruptedException {
    Path binary = binary();
    Path dir = Files.createTempDirectory("keelson-prometheus-");
    int port = freePort();
    Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "  evaluation_interval: 1s",
        "scrape_configs:",
        "  - job_name: " + job,
        "    static_configs:",
        "      - targets: [" + String.join(", ", targets.stream().map(t -> "'" + t + "'").toList()) + "]",
        ""));
    Process p = new ProcessBuilder(binary.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
    LocalPrometheus prometheus = new LocalPrometheus(dir, p, URI.create("http://127.0.0.1:" + port));
    try {
      prometheus.awaitReady();
    } catch (IOException | InterruptedException | RuntimeException e) {
      prometheus.close();
      throw e;
    }
    return prometheus;
  }

  /** The base URI of its HTTP API. */
  public URI uri() {
    return uri;
  }

  /** Prometheus' own log, for failure messages. */
  public String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("/-/ready"))
            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("prometheus was not ready within " + READY_TIMEOUT + ":\n" + log());
  }

  /** The binary on the PATH, else Debian's {@code /usr/bin/prometheus}; skips or fails the test when missing. */
  private static Path binary() {
    Optional<Path> found = Stream.concat(
            Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "prometheus")),
            Stream.of(Path.of("/usr/bin/prometheus")))
        .filter(Files::isExecutable).findFirst();
    if (found.isEmpty()) {
      String message = "no prometheus binary on the PATH or at /usr/bin/prometheus (apt-get install prometheus)";
      if (System.getenv(REQUIRE) != null) {
        throw new IllegalStateException(message + "; " + REQUIRE + " is set, so this test must not be skipped");
      }
      Assumptions.abort(message);
    }
    return found.get();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException, IOException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
