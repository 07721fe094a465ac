package dev.keelson.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    static final String SHA = "sha256:" + "0123456789abcdef".repeat(4);

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "nginx, -, nginx, -, -",
        "nginx:1.25, -, nginx, 1.25, -",
        "library/nginx:latest, -, library/nginx, latest, -",
        "bitnami/redis:7.2.4-debian-12-r0, -, bitnami/redis, 7.2.4-debian-12-r0, -",
        "ghcr.io/acme/api:1.4.2, ghcr.io, acme/api, 1.4.2, -",
        "registry.example.com:5000/team/app/web:v1, registry.example.com:5000, team/app/web, v1, -",
        "localhost/app, localhost, app, -, -",
        "localhost:5000/app:dev, localhost:5000, app, dev, -",
        "registry:5000/app, registry:5000, app, -, -",
        "[::1]:5000/app, [::1]:5000, app, -, -",
        "192.168.1.10/ns/app, 192.168.1.10, ns/app, -, -",
        "Registry/app, Registry, app, -, -",
        "index.docker.io/nginx, index.docker.io, nginx, -, -",
        "docker.io/library/nginx, docker.io, library/nginx, -, -",
        "my-org/my_app__x.y--z:TAG_1, -, my-org/my_app__x.y--z, TAG_1, -",
    })
    void parsesComponents(String ref, String registry, String repository, String tag, String digest) {
        ImageReference parsed = ImageReference.parse(ref);
        assertThat(parsed.registry()).isEqualTo(registry);
        assertThat(parsed.repository()).isEqualTo(repository);
        assertThat(parsed.tag()).isEqualTo(tag);
        assertThat(parsed.digest()).isEqualTo(digest);
        assertThat(parsed.toString()).isEqualTo(ref);
        assertThat(ImageReference.validate(ref)).isEmpty();
    }

    @Test
    void parsesDigests() {
        ImageReference pinned = ImageReference.parse("ghcr.io/acme/api@" + SHA);
        assertThat(pinned.digest()).isEqualTo(SHA);
        assertThat(pinned.tag()).isNull();
        assertThat(pinned.hasDigest()).isTrue();
        assertThat(pinned.isLatestOrUntagged()).isFalse();

        ImageReference both = ImageReference.parse("nginx:1.25@" + SHA);
        assertThat(both.tag()).isEqualTo("1.25");
        assertThat(both.digest()).isEqualTo(SHA);
        assertThat(both).hasToString("nginx:1.25@" + SHA);

        String sha512 = "sha512:" + "ab".repeat(64);
        assertThat(ImageReference.parse("nginx@" + sha512).digest()).isEqualTo(sha512);
    }

    @Test
    void knowsFloatingReferences() {
        assertThat(ImageReference.parse("nginx").isLatestOrUntagged()).isTrue();
        assertThat(ImageReference.parse("nginx:latest").isLatestOrUntagged()).isTrue();
        assertThat(ImageReference.parse("nginx:1.25").isLatestOrUntagged()).isFalse();
        assertThat(ImageReference.parse("nginx:latest@" + SHA).isLatestOrUntagged()).isFalse();
        assertThat(ImageReference.parse("nginx").hasDigest()).isFalse();
    }

    @Test
    void pinsToADigest() {
        ImageReference ref = ImageReference.parse("ghcr.io/acme/api:1.4.2");
        ImageReference pinned = ref.withDigest(SHA);
        assertThat(pinned).hasToString("ghcr.io/acme/api:1.4.2@" + SHA);
        assertThat(pinned.hasDigest()).isTrue();
        assertThat(ref.hasDigest()).isFalse();
        assertThat(pinned.withTag(null)).hasToString("ghcr.io/acme/api@" + SHA);
        assertThat(ref.withTag("2.0")).hasToString("ghcr.io/acme/api:2.0");
        assertThat(ref.name()).isEqualTo("ghcr.io/acme/api");
        assertThat(ImageReference.parse("nginx").name()).isEqualTo("nginx");
    }

    @Test
    void rejectsBadDigestsWithGoDigestMessages() {
        ImageReference ref = ImageReference.parse("nginx");
        assertThatThrownBy(() -> ref.withDigest("sha256:abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid digest \"sha256:abc\": invalid checksum digest length");
        assertThatThrownBy(() -> ref.withDigest("sha256:" + "A".repeat(64)))
                .hasMessageEndingWith(": invalid checksum digest format");
        assertThatThrownBy(() -> ref.withDigest("md5:" + "a".repeat(32)))
                .hasMessageEndingWith(": unsupported digest algorithm");
        assertThatThrownBy(() -> ref.withDigest("sha256"))
                .hasMessageEndingWith(": invalid checksum digest format");
        assertThatThrownBy(() -> ref.withDigest("sha256:"))
                .hasMessageEndingWith(": invalid checksum digest format");
        assertThatThrownBy(() -> ref.withTag("-bad"))
                .hasMessage("invalid tag \"-bad\": invalid tag format");
        assertThat(ImageReference.validateDigest(SHA)).isEmpty();
        assertThat(ImageReference.validateDigest("sha384:" + "a".repeat(96))).isEmpty();
        assertThat(ImageReference.validateDigest("sha384:" + "a".repeat(64)))
                .containsExactly("invalid checksum digest length");
    }

    @Test
    void reportsDistributionErrors() {
        assertThat(ImageReference.validate("")).containsExactly("repository name must have at least one component");
        assertThat(ImageReference.validate(null)).containsExactly("repository name must have at least one component");
        assertThat(ImageReference.validate("Nginx"))
                .containsExactly("invalid reference format: repository name (library/Nginx) must be lowercase");
        assertThat(ImageReference.validate("acme/Api"))
                .containsExactly("invalid reference format: repository name (acme/Api) must be lowercase");
        assertThat(ImageReference.validate("ghcr.io/acme/Api"))
                .containsExactly("invalid reference format: repository name (acme/Api) must be lowercase");
        assertThat(ImageReference.validate("0123456789abcdef".repeat(4))).containsExactly("invalid repository name ("
                + "0123456789abcdef".repeat(4) + "), cannot specify 64-byte hexadecimal strings");
        assertThat(ImageReference.validate("nginx@sha256:" + "A".repeat(64)))
                .containsExactly("invalid checksum digest format");
        assertThat(ImageReference.validate("nginx@sha256:" + "a".repeat(63)))
                .containsExactly("invalid checksum digest length");
        assertThat(ImageReference.validate("nginx@md5:" + "a".repeat(32)))
                .containsExactly("unsupported digest algorithm");
        assertThat(ImageReference.validate("ghcr.io/" + "a".repeat(250)))
                .containsExactly("repository name must not be more than 255 characters");
        // the length limit counts the implied "docker.io/library/" prefix, as the runtime does
        assertThat(ImageReference.validate("a".repeat(237))).isEmpty();
        assertThat(ImageReference.validate("a".repeat(238)))
                .containsExactly("repository name must not be more than 255 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx:", "nginx@", ":tag", "/nginx", "nginx/", "a//b", "nginx:-tag", "nginx:tag:tag",
        " nginx", "nginx ", "ngi nx", "-nginx", "nginx-", "a/_b", "a/b_", "a/b...c", "a/b___c", "ghcr.io:port/a",
        "nginx@sha256:abc", "host.io/a@b", "a.b_c/img",
        // a 129-character tag
        "nginx:txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ümlaut"})
    void rejectsMalformedReferences(String ref) {
        assertThat(ImageReference.validate(ref)).containsExactly("invalid reference format");
        assertThatThrownBy(() -> ImageReference.parse(ref))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid image reference \"" + ref + "\": invalid reference format");
    }

    @Test
    void acceptsAOneHundredTwentyEightCharacterTag() {
        String tag = "t" + "x".repeat(127);
        assertThat(ImageReference.parse("nginx:" + tag).tag()).isEqualTo(tag);
    }

    @Test
    void upperCaseInTheDomainIsFineButNotInThePath() {
        assertThat(ImageReference.validate("Example.COM/app")).isEmpty();
        assertThat(ImageReference.validate("app:TAG")).isEmpty();
    }

    @Test
    void constructorRejectsComponentsThatWouldNotParseBack() {
        assertThatThrownBy(() -> new ImageReference("team", "app", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would be read as a path component");
        assertThatThrownBy(() -> new ImageReference(null, "App", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageReference(null, "app", "", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageReference(null, "app", null, "sha256:abc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageReference(null, null, null, null))
                .isInstanceOf(NullPointerException.class);
        assertThat(new ImageReference("ghcr.io", "acme/api", "1", SHA))
                .isEqualTo(ImageReference.parse("ghcr.io/acme/api:1@" + SHA));
    }

    @Test
    void longInputIsHandledWithoutDeepRecursion() {
        assertThat(ImageReference.validate("x.io/" + "a-".repeat(50_000) + "!"))
                .containsExactly("invalid reference format");
        assertThat(ImageReference.validate("x.io/" + "a-".repeat(50_000) + "a"))
                .containsExactly("repository name must not be more than 255 characters");
        assertThat(ImageReference.validate("a.".repeat(50_000) + "io/x"))
                .containsExactly("repository name must not be more than 255 characters");
        assertThat(ImageReference.validate("nginx@" + "a.".repeat(50_000) + "b:" + "a".repeat(64)))
                .containsExactly("unsupported digest algorithm");
        assertThat(ImageReference.validate("nginx@" + "a.".repeat(50_000) + ":" + "a".repeat(64)))
                .containsExactly("invalid reference format");
    }
}
