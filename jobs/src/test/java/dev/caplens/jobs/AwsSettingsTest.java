package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** AWS_MAX_ATTEMPTS, the SDK's standard variable, bounds the attempts per call; a bad value is a usage error. */
class AwsSettingsTest {

  @Test
  void unsetMeansTenAttemptsAndAValueIsTaken() {
    assertThat(AwsSettings.maxAttempts(null)).isEqualTo(10);
    assertThat(AwsSettings.maxAttempts(" 3 ")).isEqualTo(3);
  }

  @Test
  void aValueThatIsNotAnAttemptCountIsNamed() {
    for (String bad : new String[] {"0", "-1", "ten", "101"}) {
      assertThatThrownBy(() -> AwsSettings.maxAttempts(bad)).isInstanceOf(UsageException.class)
          .hasMessage("AWS_MAX_ATTEMPTS must be a whole number from 1 to 100, got '" + bad + "'");
    }
  }
}
