package io.provisio.mappings.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The version of a tenant's mapping order; every change of the order increments it. */
@Entity
@Table(name = "mapping_order")
public class MappingOrder {

  @Id
  @Column(name = "tenant_id")
  private String tenantId;

  @Version private long version;

  protected MappingOrder() {}

  public MappingOrder(String tenantId) {
    this.tenantId = tenantId;
  }

  public long getVersion() {
    return version;
  }
}
