package dev.keelson.testkit.internal.controller.endpoints;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.controller.ControllerManager;

/** Registers the EndpointSlice and Endpoints controllers with a controller manager. */
public final class EndpointControllers {

  private EndpointControllers() {
  }

  public static void install(ControllerManager manager, ApiServer api) {
    manager.register(new EndpointSliceController(api));
    manager.register(new EndpointsController(api));
  }
}
