package io.trailaudit.policy;

/** A statement's Effect. */
public enum Effect {
  ALLOW,
  DENY
}
