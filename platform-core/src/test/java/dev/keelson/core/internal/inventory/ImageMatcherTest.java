package dev.keelson.core.internal.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code Inventory.workloadsRunningImage(query)} counts as running the image. */
class ImageMatcherTest {

  private static final String DIGEST = "sha256:" + "a".repeat(64);

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      registry.example.com/shop/web        | registry.example.com/shop/web:1.4.2           | true
      registry.example.com/shop/web        | registry.example.com/shop/web@DIGEST          | true
      registry.example.com/shop/web        | registry.example.com/shop/web                 | true
      registry.example.com/shop/web        | registry.example.com/shop/web/debug:1         | true
      registry.example.com/shop/web        | registry.example.com/shop/webshop:1           | false
      registry.example.com/shop/web        | other.example.com/shop/web:1.4.2              | false
      registry.example.com/shop/web:1.4.2  | registry.example.com/shop/web:1.4.2           | true
      registry.example.com/shop/web:1.4.2  | registry.example.com/shop/web:1.4.2@DIGEST    | true
      registry.example.com/shop/web:1.4.2  | registry.example.com/shop/web:1.4.20          | false
      registry.example.com/shop/web:1.4.2  | registry.example.com/shop/web                 | false
      registry.example.com/shop/web@DIGEST | registry.example.com/shop/web:9@DIGEST        | true
      registry.example.com/shop/web@DIGEST | registry.example.com/shop/web:1.4.2           | false
      registry.example.com/                | registry.example.com/shop/web:1.4.2           | true
      registry.example.com/shop/           | registry.example.com/shop/report:2            | true
      registry.example.com/shop/           | registry.example.com/shopping/cart:2          | false
      nginx                                | docker.io/library/nginx:1.27                  | true
      docker.io/library/nginx:1.27         | nginx:1.27                                    | true
      nginx                                | index.docker.io/library/nginx                 | true
      nginx                                | ghcr.io/nginx/nginx:1                         | false
      bitnami/                             | bitnami/redis:7                               | true
      docker.io/                           | bitnami/redis:7                               | true
      docker.io/                           | redis                                         | true
      registry.example.com/shop/web        | NOT A VALID IMAGE                             | false
      """)
  void queriesMatchRepositoriesTagsDigestsAndPrefixes(String query, String image, boolean matches) {
    assertThat(ImageMatcher.of(query.replace("DIGEST", DIGEST)).matches(image.replace("DIGEST", DIGEST)))
        .isEqualTo(matches);
  }

  @Test
  void aQueryThatIsNoImageSaysWhy() {
    assertThatThrownBy(() -> ImageMatcher.of("Shop Web"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image query \"Shop Web\" is neither an image reference nor a prefix ending in '/': invalid image "
            + "reference \"Shop Web\": invalid reference format: repository name (library/Shop Web) must be lowercase");
  }
}
