package dev.keelson.core.validation;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference, {@code [registry[:port]/]path[:tag][@algorithm:hex]}, checked the way
 * the container runtime reads {@code image:} fields: the {@code distribution/reference} grammar with
 * Docker's familiar-name rules ({@code ParseNormalizedNamed}) and {@code go-digest}'s digest rules.
 *
 * <p>The first path component is the registry only when it contains a {@code '.'} or a {@code ':'},
 * is {@code localhost}, or has an upper-case letter; otherwise Docker Hub is implied and
 * {@link #registry()} is {@code null}. Nothing is normalized: {@code "nginx"} keeps repository
 * {@code "nginx"} (not {@code docker.io/library/nginx}), so {@link #toString()} gives back exactly
 * the parsed text.
 *
 * <p>Example: {@code ImageReference.parse("ghcr.io/acme/api:1.4.2")} has registry {@code ghcr.io},
 * repository {@code acme/api} and tag {@code 1.4.2}.
 *
 * @param registry the registry host and optional port, or {@code null} when absent (Docker Hub)
 * @param repository the slash-separated path, e.g. {@code acme/api}
 * @param tag the tag, or {@code null} when absent
 * @param digest the digest such as {@code sha256:<64 hex>}, or {@code null} when absent
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    /** Longest name (registry and path, as normalized for Docker Hub) that the grammar allows. */
    public static final int NAME_TOTAL_LENGTH_MAX = 255;

    static final String ERR_REFERENCE_INVALID_FORMAT = "invalid reference format";
    static final String ERR_NAME_CONTAINS_UPPERCASE = "repository name must be lowercase";
    static final String ERR_NAME_EMPTY = "repository name must have at least one component";
    static final String ERR_NAME_TOO_LONG = "repository name must not be more than " + NAME_TOTAL_LENGTH_MAX
            + " characters";
    static final String ERR_DIGEST_INVALID_FORMAT = "invalid checksum digest format";
    static final String ERR_DIGEST_INVALID_LENGTH = "invalid checksum digest length";
    static final String ERR_DIGEST_UNSUPPORTED = "unsupported digest algorithm";
    static final String ERR_TAG_INVALID_FORMAT = "invalid tag format";

    private static final String DEFAULT_DOMAIN = "docker.io";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_REPO_PREFIX = "library/";

    private static final String ALPHANUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String DOMAIN_NAME_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String OPTIONAL_PORT = "(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";
    private static final String IPV6_ADDRESS = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final String DOMAIN_NAME = DOMAIN_NAME_COMPONENT + "(?:\\." + DOMAIN_NAME_COMPONENT + ")*";
    private static final String HOST = "(?:" + DOMAIN_NAME + "|" + IPV6_ADDRESS + ")";
    private static final String DOMAIN_AND_PORT = HOST + OPTIONAL_PORT;
    private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
    private static final String REMOTE_NAME = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String NAME = "(?:" + DOMAIN_AND_PORT + "/)?" + REMOTE_NAME;

    private static final Pattern REFERENCE = Pattern.compile(
            "(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_AND_PORT);
    private static final Pattern REPOSITORY = Pattern.compile(REMOTE_NAME);
    private static final Pattern TAG_PATTERN = Pattern.compile(TAG);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");
    /** go-digest's own {@code DigestRegexp}, which decides "unsupported" versus "invalid format". */
    private static final Pattern GO_DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    /**
     * Checks the components: together they must render a reference that parses back to the same
     * components, so a registry must look like one (see the class comment).
     *
     * @throws IllegalArgumentException when the components do not form a valid reference
     */
    public ImageReference {
        Objects.requireNonNull(repository, "repository");
        if (registry != null && !looksLikeRegistry(registry)) {
            throw new IllegalArgumentException("invalid image reference: registry " + Messages.goQuote(registry)
                    + " would be read as a path component; a registry contains '.' or ':' or is 'localhost'");
        }
        String rendered = render(registry, repository, tag, digest);
        Parts parts = split(rendered);
        if (parts.error != null) {
            throw new IllegalArgumentException("invalid image reference " + Messages.goQuote(rendered) + ": "
                    + parts.error);
        }
        if (!Objects.equals(parts.registry, registry) || !parts.repository.equals(repository)
                || !Objects.equals(parts.tag, tag) || !Objects.equals(parts.digest, digest)) {
            throw new IllegalArgumentException("invalid image reference " + Messages.goQuote(rendered)
                    + ": components do not render an unambiguous reference");
        }
    }

    /**
     * Parses an image reference.
     *
     * @param ref the reference, e.g. {@code registry.example.com:5000/team/app:v1@sha256:...}
     * @return its components
     * @throws IllegalArgumentException with the reason, as the runtime words it, when invalid
     */
    public static ImageReference parse(String ref) {
        Parts parts = split(ref);
        if (parts.error != null) {
            throw new IllegalArgumentException("invalid image reference " + Messages.goQuote(String.valueOf(ref))
                    + ": " + parts.error);
        }
        return new ImageReference(parts.registry, parts.repository, parts.tag, parts.digest);
    }

    /**
     * Checks an image reference.
     *
     * @param ref the candidate reference
     * @return the problem (one at most), empty when valid
     */
    public static List<String> validate(String ref) {
        Parts parts = split(ref);
        return parts.error == null ? List.of() : List.of(parts.error);
    }

    /**
     * Checks a digest the way {@code go-digest} does: a registered algorithm ({@code sha256},
     * {@code sha384} or {@code sha512}) and exactly its length in lower-case hex.
     *
     * @param digest the candidate digest, e.g. {@code sha256:<64 hex>}
     * @return the problem (one at most), empty when valid
     */
    public static List<String> validateDigest(String digest) {
        String err = digestError(digest == null ? "" : digest);
        return err == null ? List.of() : List.of(err);
    }

    /**
     * Whether the reference pins content by digest.
     *
     * @return true when a digest is present
     */
    public boolean hasDigest() {
        return digest != null;
    }

    /**
     * Whether the reference floats: no digest, and no tag or the tag {@code latest} (which
     * Kubernetes also treats as "pull always").
     *
     * @return true when untagged or tagged {@code latest}, without a digest
     */
    public boolean isLatestOrUntagged() {
        return digest == null && (tag == null || tag.equals("latest"));
    }

    /**
     * The same reference pinned to a digest, keeping any tag.
     *
     * @param digest the digest, e.g. {@code sha256:<64 lower-case hex>}
     * @return a new reference with that digest
     * @throws IllegalArgumentException when the digest is not valid
     */
    public ImageReference withDigest(String digest) {
        String err = digestError(Objects.requireNonNull(digest, "digest"));
        if (err != null) {
            throw new IllegalArgumentException("invalid digest " + Messages.goQuote(digest) + ": " + err);
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /**
     * The same reference with another tag, keeping any digest.
     *
     * @param tag the tag, {@code [\w][\w.-]{0,127}}, or {@code null} to drop it
     * @return a new reference with that tag
     * @throws IllegalArgumentException when the tag is not valid
     */
    public ImageReference withTag(String tag) {
        if (tag != null && !TAG_PATTERN.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid tag " + Messages.goQuote(tag) + ": " + ERR_TAG_INVALID_FORMAT);
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /**
     * The name without tag or digest: registry (when present) and repository.
     *
     * @return e.g. {@code ghcr.io/acme/api}
     */
    public String name() {
        return registry == null ? repository : registry + "/" + repository;
    }

    /**
     * Renders the reference; {@code parse(x).toString().equals(x)} for every valid {@code x}.
     *
     * @return the reference string
     */
    @Override
    public String toString() {
        return render(registry, repository, tag, digest);
    }

    // ---------------------------------------------------------------------------------------------

    private static String render(String registry, String repository, String tag, String digest) {
        StringBuilder sb = new StringBuilder();
        if (registry != null) {
            sb.append(registry).append('/');
        }
        sb.append(repository);
        if (tag != null) {
            sb.append(':').append(tag);
        }
        if (digest != null) {
            sb.append('@').append(digest);
        }
        return sb.toString();
    }

    /** {@code splitDockerDomain}'s test for a first path component that names a registry. */
    private static boolean looksLikeRegistry(String component) {
        return component.equals("localhost")
                || component.indexOf('.') >= 0
                || component.indexOf(':') >= 0
                || !component.toLowerCase(Locale.ROOT).equals(component);
    }

    private record Parts(String registry, String repository, String tag, String digest, String error) {
        static Parts fail(String error) {
            return new Parts(null, null, null, null, error);
        }
    }

    /** Port of {@code ParseNormalizedNamed} (and the {@code Parse} it calls), keeping the text as written. */
    private static Parts split(String ref) {
        if (ref == null || ref.isEmpty()) {
            return Parts.fail(ERR_NAME_EMPTY);
        }
        if (IDENTIFIER.matcher(ref).matches()) {
            return Parts.fail("invalid repository name (" + ref
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        // splitDockerDomain: what the runtime parses is "domain/remoteName", where Docker Hub names
        // get "docker.io" and, when they have a single component, "library/" in front.
        String registry = null;
        String remainder = ref;
        String domain = DEFAULT_DOMAIN;
        int slash = ref.indexOf('/');
        if (slash >= 0 && looksLikeRegistry(ref.substring(0, slash))) {
            registry = ref.substring(0, slash);
            remainder = ref.substring(slash + 1);
            domain = registry.equals(LEGACY_DEFAULT_DOMAIN) ? DEFAULT_DOMAIN : registry;
        }
        String remoteName = remainder;
        if (domain.equals(DEFAULT_DOMAIN) && remoteName.indexOf('/') < 0) {
            remoteName = OFFICIAL_REPO_PREFIX + remoteName;
        }
        int colon = remoteName.indexOf(':');
        String remote = colon >= 0 ? remoteName.substring(0, colon) : remoteName;
        if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
            return Parts.fail("invalid reference format: repository name (" + remote + ") must be lowercase");
        }
        String full = domain + "/" + remoteName;
        Matcher m = REFERENCE.matcher(full);
        if (!m.matches()) {
            if (REFERENCE.matcher(full.toLowerCase(Locale.ROOT)).matches()) {
                return Parts.fail(ERR_NAME_CONTAINS_UPPERCASE);
            }
            return Parts.fail(ERR_REFERENCE_INVALID_FORMAT);
        }
        String name = m.group(1);
        if (name.length() > NAME_TOTAL_LENGTH_MAX) {
            return Parts.fail(ERR_NAME_TOO_LONG);
        }
        String digest = m.group(3);
        if (digest != null) {
            String err = digestError(digest);
            if (err != null) {
                return Parts.fail(err);
            }
        }
        // The text added in front of what was written (e.g. "docker.io/library/").
        int added = full.length() - remainder.length();
        if (name.length() <= added) {
            return Parts.fail(ERR_REFERENCE_INVALID_FORMAT);
        }
        String repository = name.substring(added);
        // Stricter than upstream only in a corner: a first component such as "a_b.c" is taken as a
        // registry by the familiar-name rules but is not a host name; upstream then silently reads it
        // as a path. Reject it rather than guess.
        if (registry != null && !DOMAIN.matcher(registry).matches() || !REPOSITORY.matcher(repository).matches()) {
            return Parts.fail(ERR_REFERENCE_INVALID_FORMAT);
        }
        return new Parts(registry, repository, m.group(2), digest, null);
    }

    /** {@code go-digest}'s {@code Digest.Validate} for the algorithms it registers by default. */
    private static String digestError(String digest) {
        int i = digest.indexOf(':');
        if (i <= 0 || i + 1 == digest.length()) {
            return ERR_DIGEST_INVALID_FORMAT;
        }
        String algorithm = digest.substring(0, i);
        String encoded = digest.substring(i + 1);
        int size;
        switch (algorithm) {
            case "sha256" -> size = 32;
            case "sha384" -> size = 48;
            case "sha512" -> size = 64;
            default -> {
                return GO_DIGEST.matcher(digest).matches() ? ERR_DIGEST_UNSUPPORTED : ERR_DIGEST_INVALID_FORMAT;
            }
        }
        if (encoded.length() != size * 2) {
            return ERR_DIGEST_INVALID_LENGTH;
        }
        return LOWER_HEX.matcher(encoded).matches() ? null : ERR_DIGEST_INVALID_FORMAT;
    }
}
