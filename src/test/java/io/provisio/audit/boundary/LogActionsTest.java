package io.provisio.audit.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The provisioning log's actions, as the console shows them, from what the writes record. */
class LogActionsTest {

  @Test
  void aWriteIsSaidAsWhatItDidToTheAccount() {
    assertThat(ProvisioningLogResource.action("CREATE", true, "Created.")).isEqualTo("Created");
    assertThat(ProvisioningLogResource.action("CREATE", true, "Restored the preserved account.")).isEqualTo("Restored");
    assertThat(ProvisioningLogResource.action("PATCH", true, "Deactivated the account.")).isEqualTo("Deactivated");
    assertThat(ProvisioningLogResource.action("REPLACE", true, "Reactivated the account.")).isEqualTo("Reactivated");
    // a change of an account that stays inactive is an update, not another deactivation
    assertThat(ProvisioningLogResource.action("PATCH", true, "Updated; the account is inactive.")).isEqualTo("Updated");
    assertThat(ProvisioningLogResource.action("DELETE", true, "Preserved the account.")).isEqualTo("Preserved");
    assertThat(ProvisioningLogResource.action("GROUP_PATCH", true, "Patched: 1 member(s) added, 0 removed."))
        .isEqualTo("Group updated");
    assertThat(ProvisioningLogResource.action("CREATE", false, "No mapping matched this user.")).isEqualTo("Not created");
    assertThat(ProvisioningLogResource.action("GROUP_DELETE", false, null)).isEqualTo("Group not deleted");
  }
}
