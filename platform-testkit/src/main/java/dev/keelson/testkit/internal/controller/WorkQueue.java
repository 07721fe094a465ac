package dev.keelson.testkit.internal.controller;

/** Where a controller puts keys to reconcile; a key already waiting is not added twice. */
public interface WorkQueue {
  void add(String key);
}
