package io.trailaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.model.Observed;
import io.trailaudit.model.Trail;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

class WhoReadsWhatTest {
  private static final String MGMT = "111111111111";
  private static final String MEMBER = "222222222222";
  private static final String ARCHIVE = "333333333333";

  private static final Principal CALLER =
      Principal.of(MGMT, "caller", AnonymousCredentialsProvider.create());
  private static final Principal MEMBER_ROLE =
      Principal.of(MEMBER, MEMBER, AnonymousCredentialsProvider.create());
  private static final Principal DENIED_ROLE =
      Principal.assumed(
          MEMBER, MEMBER, Observed.unavailable("sts", "AssumeRole", "AccessDenied", "no"));
  private static final Principal ARCHIVE_ROLE =
      Principal.of(ARCHIVE, "log-archive", AnonymousCredentialsProvider.create());

  private static final Trail MEMBER_TRAIL =
      Trail.builder()
          .arn("arn:aws:cloudtrail:us-east-1:" + MEMBER + ":trail/t")
          .name("t")
          .homeRegion("us-east-1")
          .build();

  private static WhoReadsWhat withoutArchive(Principal member) {
    WhoReadsWhat who = new WhoReadsWhat(null, null);
    who.audit(MGMT, CompletableFuture.completedFuture(CALLER));
    who.audit(MEMBER, CompletableFuture.completedFuture(member));
    return who;
  }

  private static WhoReadsWhat withArchive(Principal member) {
    WhoReadsWhat who = new WhoReadsWhat(CompletableFuture.completedFuture(ARCHIVE_ROLE), ARCHIVE);
    who.audit(MGMT, CompletableFuture.completedFuture(CALLER));
    who.audit(MEMBER, CompletableFuture.completedFuture(member));
    return who;
  }

  @Test
  void aTrailIsReadByItsOwnerWhenTheOwnerIsAudited() {
    assertThat(withoutArchive(MEMBER_ROLE).trail(MEMBER_TRAIL, CALLER).join())
        .isEqualTo(MEMBER_ROLE);
  }

  @Test
  void aTrailWhoseOwnerCannotBeEnteredIsReadByWhoeverListedIt() {
    assertThat(withoutArchive(DENIED_ROLE).trail(MEMBER_TRAIL, CALLER).join()).isEqualTo(CALLER);
  }

  @Test
  void aTrailOfAnAccountNotAuditedIsReadByWhoeverListedIt() {
    WhoReadsWhat who = new WhoReadsWhat(null, null);
    who.audit(MGMT, CompletableFuture.completedFuture(CALLER));

    assertThat(who.trail(MEMBER_TRAIL, CALLER).join()).isEqualTo(CALLER);
    assertThat(who.validation(MEMBER_TRAIL)).isNull();
  }

  @Test
  void aBucketIsReadByTheTrailReaderAndExpectedToBeTheTrailOwners() {
    WhoReadsWhat who = withoutArchive(MEMBER_ROLE);

    Principal reader = who.bucket(MEMBER_ROLE).join();

    assertThat(reader).isEqualTo(MEMBER_ROLE);
    assertThat(who.bucketOwner(reader, MEMBER_TRAIL)).isEqualTo(MEMBER);
  }

  @Test
  void withALogArchiveRoleTheBucketIsReadWithItAndExpectedInItsAccount() {
    WhoReadsWhat who = withArchive(MEMBER_ROLE);

    Principal reader = who.bucket(MEMBER_ROLE).join();

    assertThat(reader).isEqualTo(ARCHIVE_ROLE);
    assertThat(who.bucketOwner(reader, MEMBER_TRAIL)).isEqualTo(ARCHIVE);
    assertThat(who.validation(MEMBER_TRAIL).join()).isEqualTo(ARCHIVE_ROLE);
  }

  @Test
  void aKeyIsReadInItsAccountWhenAuditedElseInTheLogArchiveElseByTheTrailReader() {
    assertThat(withArchive(MEMBER_ROLE).key(MEMBER, CALLER).join()).isEqualTo(MEMBER_ROLE);
    assertThat(withArchive(DENIED_ROLE).key(MEMBER, CALLER).join()).isEqualTo(CALLER);
    assertThat(withArchive(MEMBER_ROLE).key(ARCHIVE, CALLER).join()).isEqualTo(ARCHIVE_ROLE);
    assertThat(withoutArchive(MEMBER_ROLE).key(ARCHIVE, CALLER).join()).isEqualTo(CALLER);
    assertThat(withoutArchive(MEMBER_ROLE).key(null, CALLER).join()).isEqualTo(CALLER);
  }

  @Test
  void digestsAreValidatedWithTheOwnersCredentialsWithoutALogArchiveRole() {
    assertThat(withoutArchive(MEMBER_ROLE).validation(MEMBER_TRAIL).join()).isEqualTo(MEMBER_ROLE);
  }
}
