package dev.keelson.core.validation;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

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

    /**
     * {@code distribution/reference}'s {@code ReferenceRegexp} (name, tag and digest groups). It
     * documents the grammar; {@link #matchReference(String)} matches it by hand, in linear time and
     * without the deep recursion {@code java.util.regex} needs for repeated groups on long input.
     */
    static final String REFERENCE_REGEX = "(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?";

    /**
     * Checks the components: together they must render a reference that parses back to the same
     * components, so a registry must look like one (see the class comment).
     *
     * @param registry the registry host and optional port, or {@code null}
     * @param repository the path, never {@code null}
     * @param tag the tag, or {@code null}
     * @param digest the digest, or {@code null}
     * @throws IllegalArgumentException when the components do not form a valid reference
     */
    public ImageReference {
        Objects.requireNonNull(repository, "repository");
        if (registry != null && !looksLikeRegistry(registry)) {
            throw new IllegalArgumentException("invalid image reference: registry " + Messages.goQuote(registry)
                    + " would be read as a path component; a registry contains '.' or ':', is 'localhost'"
                    + " or has an upper-case letter");
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
            throw new IllegalArgumentException("invalid image reference " + Messages.goQuote(ref)
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
        if (tag != null && !isTag(tag)) {
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
        if (ref.length() == 64 && isLowerHex(ref)) {
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
        String[] m = matchReference(full);
        if (m == null) {
            if (matchReference(full.toLowerCase(Locale.ROOT)) != null) {
                return Parts.fail(ERR_NAME_CONTAINS_UPPERCASE);
            }
            return Parts.fail(ERR_REFERENCE_INVALID_FORMAT);
        }
        String name = m[0];
        if (name.length() > NAME_TOTAL_LENGTH_MAX) {
            return Parts.fail(ERR_NAME_TOO_LONG);
        }
        String digest = m[2];
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
        if (registry != null && !isDomainAndPort(registry) || !isRemoteName(repository)) {
            return Parts.fail(ERR_REFERENCE_INVALID_FORMAT);
        }
        return new Parts(registry, repository, m[1], digest, null);
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
                return isGoDigest(digest) ? ERR_DIGEST_UNSUPPORTED : ERR_DIGEST_INVALID_FORMAT;
            }
        }
        if (encoded.length() != size * 2) {
            return ERR_DIGEST_INVALID_LENGTH;
        }
        return isLowerHex(encoded) ? null : ERR_DIGEST_INVALID_FORMAT;
    }

    // ---------------------------------------------------------------------------------------------
    // The grammar of REFERENCE_REGEX, matched by hand.

    /**
     * Matches {@link #REFERENCE_REGEX} against the whole string.
     *
     * @return the name, tag (or null) and digest (or null), or null when the string does not match
     */
    static String[] matchReference(String s) {
        String rest = s;
        String digest = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = s.substring(at + 1);
            rest = s.substring(0, at);
            if (!isDigestSyntax(digest)) {
                return null;
            }
        }
        // A tag holds neither ':' nor '/', and a name's only ':' (a port) is followed by a '/'.
        String tag = null;
        String name = rest;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            name = rest.substring(0, colon);
            if (!isTag(tag)) {
                return null;
            }
        }
        return isName(name) ? new String[] {name, tag, digest} : null;
    }

    /** {@code (?:domainAndPort/)?remoteName}; a domain holds no '/', so it can only end at the first one. */
    private static boolean isName(String s) {
        if (isRemoteName(s)) {
            return true;
        }
        int slash = s.indexOf('/');
        return slash > 0 && isDomainAndPort(s.substring(0, slash)) && isRemoteName(s.substring(slash + 1));
    }

    private static boolean isLowerAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || c >= 'A' && c <= 'Z';
    }

    private static boolean isWord(char c) {
        return isAlnum(c) || c == '_';
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isLowerHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** {@code pathComponent ('/' pathComponent)*}. */
    private static boolean isRemoteName(String s) {
        int from = 0;
        while (true) {
            int slash = s.indexOf('/', from);
            int to = slash < 0 ? s.length() : slash;
            if (!isPathComponent(s, from, to)) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            from = slash + 1;
        }
    }

    /** {@code [a-z0-9]+((?:[._]|__|[-]+)[a-z0-9]+)*} over {@code s[from, to)}. */
    private static boolean isPathComponent(String s, int from, int to) {
        if (to <= from || !isLowerAlnum(s.charAt(from)) || !isLowerAlnum(s.charAt(to - 1))) {
            return false;
        }
        int i = from;
        while (i < to) {
            if (isLowerAlnum(s.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < to && !isLowerAlnum(s.charAt(j))) {
                j++;
            }
            if (!isSeparator(s, i, j)) {
                return false;
            }
            i = j;
        }
        return true;
    }

    private static boolean isSeparator(String s, int from, int to) {
        int n = to - from;
        char c = s.charAt(from);
        if (n == 1 && (c == '.' || c == '_')) {
            return true;
        }
        if (n == 2 && c == '_' && s.charAt(from + 1) == '_') {
            return true;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code (domainName | \[[a-fA-F0-9:]+\]) (:[0-9]+)?}. */
    private static boolean isDomainAndPort(String s) {
        int hostEnd;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 2) {
                return false;
            }
            for (int i = 1; i < close; i++) {
                char c = s.charAt(i);
                if (c != ':' && !isHex(c)) {
                    return false;
                }
            }
            hostEnd = close + 1;
        } else {
            int colon = s.indexOf(':');
            hostEnd = colon < 0 ? s.length() : colon;
            if (!isDomainName(s, hostEnd)) {
                return false;
            }
        }
        if (hostEnd == s.length()) {
            return true;
        }
        if (s.charAt(hostEnd) != ':' || hostEnd + 1 == s.length()) {
            return false;
        }
        for (int i = hostEnd + 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Components {@code [a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?} joined by dots, over {@code s[0, to)}. */
    private static boolean isDomainName(String s, int to) {
        int from = 0;
        while (true) {
            int dot = s.indexOf('.', from);
            int end = dot < 0 || dot > to ? to : dot;
            if (end <= from || !isAlnum(s.charAt(from)) || !isAlnum(s.charAt(end - 1))) {
                return false;
            }
            for (int i = from + 1; i < end - 1; i++) {
                if (s.charAt(i) != '-' && !isAlnum(s.charAt(i))) {
                    return false;
                }
            }
            if (end == to) {
                return true;
            }
            from = end + 1;
        }
    }

    /** {@code [\w][\w.-]{0,127}}. */
    private static boolean isTag(String s) {
        int n = s.length();
        if (n == 0 || n > 128 || !isWord(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (c != '.' && c != '-' && !isWord(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}}. */
    private static boolean isDigestSyntax(String s) {
        int colon = s.indexOf(':');
        if (colon < 0 || s.length() - colon - 1 < 32) {
            return false;
        }
        boolean componentStart = true;
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (componentStart) {
                if (!letter) {
                    return false;
                }
                componentStart = false;
            } else if (c == '-' || c == '_' || c == '+' || c == '.') {
                componentStart = true;
            } else if (!letter && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        if (componentStart) {
            return false;
        }
        for (int i = colon + 1; i < s.length(); i++) {
            if (!isHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** go-digest's {@code DigestRegexp}: {@code [a-z0-9]+([.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+}. */
    private static boolean isGoDigest(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            return false;
        }
        boolean componentStart = true;
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            if (isLowerAlnum(c)) {
                componentStart = false;
            } else if (!componentStart && (c == '.' || c == '+' || c == '_' || c == '-')) {
                componentStart = true;
            } else {
                return false;
            }
        }
        if (componentStart) {
            return false;
        }
        for (int i = colon + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '=' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }
}
