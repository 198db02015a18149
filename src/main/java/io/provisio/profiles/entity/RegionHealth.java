package io.provisio.profiles.entity;

/** Whether new users may be placed in a storage region. */
public enum RegionHealth {
  HEALTHY,
  UNHEALTHY
}
