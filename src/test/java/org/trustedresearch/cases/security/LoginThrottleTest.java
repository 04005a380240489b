package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.LoopbackClient;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.TestUsers;
import org.trustedresearch.cases.support.WebappSession;

/**
 * Password guessing is slowed down where it comes from and never locks an account for its owner:
 * through engine REST with HTTP Basic and through the webapps' login, for a researcher and for an
 * administrator. A stranger is another loopback address (127.0.0.x); the engine clock is pinned, so
 * waiting is moving it on.
 */
@CaseManagementTest
class LoginThrottleTest {

  static final String TASKS = "/engine-rest/task?maxResults=1";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  LoginThrottleProperties limits;
  Date pinned;

  @BeforeEach
  void pinTheClock() {
    pinned = ClockUtil.getCurrentTime();
    ClockUtil.setCurrentTime(pinned);
    TestUsers.ensureLoginProbe(engine.getIdentityService());
  }

  @AfterEach
  void releaseTheClock() {
    PinnedClock.restore();
  }

  void letTimePass(long seconds) {
    pinned = new Date(pinned.getTime() + seconds * 1000);
    ClockUtil.setCurrentTime(pinned);
  }

  @Test
  void aStrangersWrongPasswordsDoNotStopTheOwnerSigningInFromElsewhere() {
    LoopbackClient stranger = new LoopbackClient("127.0.0.2", port);
    LoopbackClient owner = new LoopbackClient("127.0.0.3", port);
    for (int i = 0; i < limits.failuresPerAccount(); i++) {
      assertThat(stranger.get(TASKS, TestUsers.LOGIN_PROBE, "guess-" + i).status()).isEqualTo(401);
    }
    Reply refused = stranger.get(TASKS, TestUsers.LOGIN_PROBE, "guess-again");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    // not even the right password is checked while the stranger's address waits
    assertThat(stranger.get(TASKS, TestUsers.LOGIN_PROBE, TestUsers.LOGIN_PROBE).status()).isEqualTo(429);

    assertThat(owner.get(TASKS, TestUsers.LOGIN_PROBE, TestUsers.LOGIN_PROBE).status()).isEqualTo(200);
    assertThat(owner.webappLogin("tasklist", TestUsers.LOGIN_PROBE, TestUsers.LOGIN_PROBE).status()).isEqualTo(200);
    // and the engine has not locked the account either
    assertThat(engine.getIdentityService().checkPassword(TestUsers.LOGIN_PROBE, TestUsers.LOGIN_PROBE)).isTrue();
  }

  @Test
  void aStrangerCannotLockAnAdministratorOutOfTheWebappsOrTheApi() {
    LoopbackClient stranger = new LoopbackClient("127.0.0.4", port);
    for (int i = 0; i < limits.failuresPerAccount(); i++) {
      assertThat(stranger.webappLogin("cockpit", "demo", "guess-" + i).status()).isEqualTo(401);
    }
    Reply refused = stranger.webappLogin("cockpit", "demo", "guess-again");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(refused.body()).contains("Too many failed logins");
    // however the login's path is spelled
    assertThat(stranger.webappLoginAt("/camunda/api/admin/auth/user/default/lo%67in/cockpit", "demo", "demo").status())
        .isEqualTo(429);
    assertThat(stranger.webappLoginAt("/camunda/api/admin/auth/user/default;x=y/login/cockpit", "demo", "demo").status())
        .isEqualTo(429);
    // the same count holds for HTTP Basic from that address
    assertThat(stranger.get(TASKS, "demo", "demo").status()).isEqualTo(429);

    WebappSession administrator = WebappSession.logIn(port, "admin", "demo");
    assertThat(administrator.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(200);
    assertThat(new Http(port).get(TASKS, "demo").status()).isEqualTo(200);
    assertThat(new LoopbackClient("127.0.0.5", port).webappLogin("cockpit", "demo", "demo").status()).isEqualTo(200);
  }

  @Test
  void guessingManyAccountsFromOneAddressMakesThatAddressWait() {
    LoopbackClient stranger = new LoopbackClient("127.0.0.6", port);
    for (int i = 0; i < limits.failuresPerAddress(); i++) {
      assertThat(stranger.get(TASKS, "someone-" + i, "guess").status()).as("attempt %d", i).isEqualTo(401);
    }
    assertThat(stranger.get(TASKS, "someone-else", "guess").status()).isEqualTo(429);
    assertThat(stranger.webappLogin("tasklist", TestUsers.LOGIN_PROBE, TestUsers.LOGIN_PROBE).status()).isEqualTo(429);
    assertThat(new LoopbackClient("127.0.0.7", port).get(TASKS, TestUsers.LOGIN_PROBE, TestUsers.LOGIN_PROBE).status())
        .isEqualTo(200);

    letTimePass(1);
    assertThat(stranger.get(TASKS, TestUsers.LOGIN_PROBE, TestUsers.LOGIN_PROBE).status()).isEqualTo(200);
    // a right password does not clear what the address has failed: the next failure waits twice as long
    assertThat(stranger.get(TASKS, "someone-else", "guess").status()).isEqualTo(401);
    assertThat(stranger.get(TASKS, "someone-else", "guess").header("Retry-After")).isEqualTo("2");
  }
}
