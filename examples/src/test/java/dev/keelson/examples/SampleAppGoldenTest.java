package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.app.AppSpec;
import dev.keelson.core.render.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sample app's YAML, byte for byte. When a change to rendering is intended, regenerate with
 * {@code ./mvnw -pl examples -am verify -Dkeelson.golden.update=true} and review the diff.
 */
class SampleAppGoldenTest {

  @ParameterizedTest
  @CsvSource({"sample-app.yaml,", "sample-app-prod.yaml,prod"})
  void renderedYamlMatchesTheGoldenFile(String file, String environment) throws IOException {
    AppSpec app = SampleApp.app();
    if (environment != null) {
      app = app.forEnvironment(SampleApp.environments().stream()
          .filter(o -> o.environment().equals(environment)).findFirst().orElseThrow());
    }
    List<HasMetadata> objects = Keelson.renderer().render(app);
    String yaml = Manifests.toYaml(objects);
    Path golden = Path.of("src/test/resources/golden", file);
    if (Boolean.getBoolean("keelson.golden.update")) {
      Files.writeString(golden, yaml, StandardCharsets.UTF_8);
    }
    assertThat(yaml).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    assertThat(Manifests.fromYaml(yaml)).isEqualTo(objects);
  }
}
