package dev.keelson.testkit.internal.controller.node;

/**
 * Docker-style image reference normalisation as containerd reports it: {@code nginx:1.25} is
 * {@code docker.io/library/nginx:1.25}, an untagged reference gets {@code :latest}.
 *
 * @param repository the fully qualified repository, e.g. {@code docker.io/library/nginx}
 * @param full the fully qualified reference with tag or digest
 */
record ImageNames(String repository, String full) {

  static ImageNames normalize(String image) {
    String repo = Behaviours.repository(image);
    String suffix = image.substring(repo.length());
    if (suffix.isEmpty()) {
      suffix = ":latest";
    }
    int slash = repo.indexOf('/');
    String first = slash < 0 ? "" : repo.substring(0, slash);
    boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    if (!hasRegistry) {
      repo = "docker.io/" + (slash < 0 ? "library/" : "") + repo;
    }
    return new ImageNames(repo, repo + suffix);
  }
}
