package dev.keelson.core.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

/** platform-core ships fabric8's JDK HTTP client and keeps Vert.x and Netty off the class path. */
class HttpClientChoiceTest {

  @Test
  void aClientBuiltWithPlatformCoreUsesTheJdkHttpClient() {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:6443").build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      assertThat(client.getHttpClient().getClass().getName()).startsWith("io.fabric8.kubernetes.client.jdkhttp.");
    }
  }

  @Test
  void noVertxOrNettyComesAlong() {
    assertThatThrownBy(() -> Class.forName("io.netty.channel.Channel")).isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("io.vertx.core.Vertx")).isInstanceOf(ClassNotFoundException.class);
  }
}
