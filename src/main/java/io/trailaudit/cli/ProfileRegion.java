package io.trailaudit.cli;

import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The region of a named profile in the AWS config files. Apart from {@link AwsOptions} so that
 * loading the options (every audit does) loads no SDK class.
 */
final class ProfileRegion {
  private ProfileRegion() {}

  static Optional<String> of(String profile) {
    try {
      return ProfileFile.defaultProfileFile()
          .profile(profile)
          .flatMap(p -> p.property(ProfileProperty.REGION));
    } catch (RuntimeException e) {
      // An unreadable config file is the credential chain's error to report, not ours.
      return Optional.empty();
    }
  }
}
