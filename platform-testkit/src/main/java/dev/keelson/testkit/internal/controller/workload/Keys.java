package dev.keelson.testkit.internal.controller.workload;

/** Work-queue keys of namespaced objects: {@code namespace/name}, as client-go's {@code MetaNamespaceKeyFunc}. */
record Keys(String namespace, String name) {

  /** The field manager of every write the workload controllers make. */
  static final String MANAGER = "kube-controller-manager";

  static String of(String namespace, String name) {
    return namespace + "/" + name;
  }

  static Keys parse(String key) {
    int slash = key.indexOf('/');
    return new Keys(key.substring(0, slash), key.substring(slash + 1));
  }
}
