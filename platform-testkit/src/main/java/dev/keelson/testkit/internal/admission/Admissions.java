package dev.keelson.testkit.internal.admission;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.controller.ControllerManager;

/**
 * Wires quota and limit admission into a simulated cluster: LimitRanger first (it sets defaults quota then
 * counts), then ResourceQuota, plus the resource-quota controller, in kube-apiserver's plugin order.
 */
public final class Admissions {

  private Admissions() {
  }

  /** Registers {@link LimitRangeAdmission}, {@link ResourceQuotaAdmission} and {@link ResourceQuotaController}. */
  public static void install(ApiServer api, ControllerManager manager) {
    api.addAdmission(new LimitRangeAdmission(api));
    api.addAdmission(new ResourceQuotaAdmission(api));
    manager.register(new ResourceQuotaController(api));
  }
}
