package dev.keelson.governance.compliance;

import java.util.List;

/**
 * A tenant's compliance score: the share of its conformance checks (five per namespace) and policy verdicts
 * (one per object) that pass, from 0 to 100.
 *
 * @param tenant the tenant
 * @param namespaces its namespaces' conformance
 * @param score 0 to 100
 */
public record TenantScore(String tenant, List<NamespaceConformance> namespaces, int score) {

  public TenantScore {
    namespaces = List.copyOf(namespaces);
  }

  static TenantScore of(String tenant, List<NamespaceConformance> namespaces) {
    int passed = 0;
    int total = 0;
    for (NamespaceConformance ns : namespaces) {
      passed += 5 - ns.missing().size() + ns.objectsAllowed();
      total += 5 + ns.objects();
    }
    return new TenantScore(tenant, namespaces, total == 0 ? 100 : (int) Math.floor(100.0 * passed / total));
  }
}
