package org.fovea.reporting.workflow;

import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fovea.reporting.identity.Role.CHIEF;
import static org.fovea.reporting.identity.Role.JUNIOR_RADIOLOGIST;
import static org.fovea.reporting.identity.Role.SENIOR_RADIOLOGIST;

/**
 * Every sign-off step for every role: for chains of 1, 2 and 3 levels, every status (and, in
 * review, every level), every action, by the author, by a reviewer who already signed, and by
 * anyone else, the roles allowed are exactly the ones the department's rules name; all other
 * combinations are refused. Then one report walked from draft to final and recalled.
 */
class SignOffTest {

    private static final Set<Role> WRITERS = EnumSet.of(JUNIOR_RADIOLOGIST, SENIOR_RADIOLOGIST, CHIEF);
    private static final Set<Role> REVIEWERS = EnumSet.of(SENIOR_RADIOLOGIST, CHIEF);
    private static final Set<Role> FINAL_SIGNERS = EnumSet.of(CHIEF);
    private static final Set<Role> NONE = EnumSet.noneOf(Role.class);

    enum Who { AUTHOR, EARLIER_SIGNER, OTHER }

    private static User user(String login, Role role) {
        return new User(1, login, login + "医生", role, true, 0, Instant.EPOCH);
    }

    /** The states a report of an n-level chain can be in, by name. */
    private static List<SignOffState> states(int n) {
        List<SignOffState> out = new ArrayList<>();
        for (ReportStatus s : List.of(ReportStatus.DRAFT, ReportStatus.PRELIMINARY, ReportStatus.RETURNED, ReportStatus.RECALLED)) {
            out.add(new SignOffState(s, s == ReportStatus.DRAFT || s == ReportStatus.PRELIMINARY ? 0 : n, List.of(), "author",
                    s == ReportStatus.RECALLED));
        }
        if (n >= 2) {
            out.add(new SignOffState(ReportStatus.SUBMITTED, n, List.of("author"), "author", false));
        }
        if (n == 3) {
            out.add(new SignOffState(ReportStatus.SUBMITTED, n, List.of("author", "signer"), "author", false));
        }
        List<String> all = new ArrayList<>(List.of("author", "signer", "third").subList(0, n));
        out.add(new SignOffState(ReportStatus.FINAL, n, all, "author", false));
        return out;
    }

    /** The roles the rules allow, written from the issue's description (not from the code). */
    private static Set<Role> expected(int n, SignOffState s, SignOffAction a, Who who) {
        boolean signerSigned = s.signers().contains("signer");
        if (who == Who.EARLIER_SIGNER && !signerSigned) {
            who = Who.OTHER;
        }
        switch (s.status()) {
            case DRAFT, PRELIMINARY, RETURNED, RECALLED -> {
                if (who != Who.AUTHOR) {
                    return NONE;
                }
                return switch (a) {
                    case EDIT -> WRITERS;
                    case ISSUE_PRELIMINARY -> s.status() == ReportStatus.RECALLED ? NONE : WRITERS;
                    case SUBMIT -> n == 1 ? REVIEWERS : WRITERS;
                    default -> NONE;
                };
            }
            case SUBMITTED -> {
                if (who != Who.OTHER || !(a == SignOffAction.EDIT || a == SignOffAction.APPROVE || a == SignOffAction.RETURN)) {
                    return NONE;
                }
                int level = s.signers().size() + 1;
                return level == 3 ? FINAL_SIGNERS : REVIEWERS;
            }
            case FINAL -> {
                return switch (a) {
                    case RECALL -> EnumSet.of(CHIEF);
                    case ADDENDUM -> WRITERS;
                    default -> NONE;
                };
            }
            default -> throw new IllegalStateException();
        }
    }

    @Test
    void everyRoleMayDoExactlyWhatTheRulesSayInEveryStateOfEveryChain() {
        int checked = 0;
        for (int n = 1; n <= 3; n++) {
            for (SignOffState s : states(n)) {
                for (SignOffAction a : SignOffAction.values()) {
                    for (Who who : Who.values()) {
                        Set<Role> allowed = EnumSet.noneOf(Role.class);
                        for (Role role : Role.values()) {
                            String login = switch (who) {
                                case AUTHOR -> "author";
                                case EARLIER_SIGNER -> "signer";
                                case OTHER -> "other";
                            };
                            try {
                                SignOff.apply(s, user(login, role), a, n, "missing a rib fracture");
                                allowed.add(role);
                            } catch (SignOffRefused refused) {
                                assertThat(refused.getMessage()).isNotBlank();
                            }
                            checked++;
                        }
                        assertThat(allowed).as(n + " levels, " + s.status() + " signed by " + s.signers() + ", " + a
                                + " by " + who).isEqualTo(expected(n, s, a, who));
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void aJuniorsReportIsApprovedByASeniorAndSignedFinalByTheChief() throws Exception {
        User junior = user("li", JUNIOR_RADIOLOGIST);
        User senior = user("zhang", SENIOR_RADIOLOGIST);
        User chief = user("chen", CHIEF);
        SignOffState s = SignOffState.draft("li");
        s = SignOff.apply(s, junior, SignOffAction.SUBMIT, 3, null);
        assertThat(s.status()).isEqualTo(ReportStatus.SUBMITTED);
        assertThat(s.levels()).isEqualTo(3);
        SignOffState waiting = s;
        assertThatThrownBy(() -> SignOff.apply(waiting, chief, SignOffAction.RETURN, 3, " "))
                .hasMessageContaining("Say why");
        SignOff.apply(s, senior, SignOffAction.EDIT, 3, null);
        s = SignOff.apply(s, senior, SignOffAction.APPROVE, 3, null);
        assertThat(s.signers()).containsExactly("li", "zhang");
        SignOffState atChief = s;
        assertThatThrownBy(() -> SignOff.apply(atChief, user("wang", SENIOR_RADIOLOGIST), SignOffAction.APPROVE, 3, null))
                .hasMessageContaining("may not sign level 3 of 3 (the final signature)");
        assertThatThrownBy(() -> SignOff.apply(atChief, senior, SignOffAction.APPROVE, 3, null))
                .hasMessageContaining("already signed");
        s = SignOff.apply(s, chief, SignOffAction.APPROVE, 3, null);
        assertThat(s.status()).isEqualTo(ReportStatus.FINAL);
        assertThat(s.status().obr25(s.corrected())).isEqualTo("F");

        // the department changed to two levels meanwhile: a report in review keeps its three
        SignOffState fin = s;
        assertThatThrownBy(() -> SignOff.apply(fin, junior, SignOffAction.EDIT, 2, null)).hasMessageContaining("final");
        s = SignOff.apply(s, chief, SignOffAction.RECALL, 2, "左侧第 5 肋骨折漏诊");
        assertThat(s.status()).isEqualTo(ReportStatus.RECALLED);
        s = SignOff.apply(s, junior, SignOffAction.SUBMIT, 2, null);
        assertThat(s.levels()).as("its chain is kept").isEqualTo(3);
        s = SignOff.apply(SignOff.apply(s, senior, SignOffAction.APPROVE, 2, null), chief, SignOffAction.APPROVE, 2, null);
        assertThat(s.status()).isEqualTo(ReportStatus.FINAL);
        assertThat(s.status().obr25(s.corrected())).isEqualTo("C");
        assertThat(s.status().fhir(s.corrected(), false)).isEqualTo("corrected");
    }

    @Test
    void aReturnedReportGoesBackToItsAuthorAndStartsItsRoundAgain() throws Exception {
        User junior = user("li", JUNIOR_RADIOLOGIST);
        User senior = user("zhang", SENIOR_RADIOLOGIST);
        SignOffState s = SignOff.apply(SignOffState.draft("li"), junior, SignOffAction.SUBMIT, 2, null);
        s = SignOff.apply(s, senior, SignOffAction.RETURN, 2, "结节大小与测量不符");
        assertThat(s.status()).isEqualTo(ReportStatus.RETURNED);
        assertThat(s.signers()).isEmpty();
        SignOffState returned = s;
        assertThatThrownBy(() -> SignOff.apply(returned, senior, SignOffAction.EDIT, 2, null))
                .hasMessageContaining("Only the report's author (li)");
        s = SignOff.apply(s, junior, SignOffAction.SUBMIT, 2, null);
        assertThat(SignOff.apply(s, senior, SignOffAction.APPROVE, 2, null).status()).isEqualTo(ReportStatus.FINAL);
        assertThatThrownBy(() -> SignOff.apply(SignOffState.draft("li"), new User(2, "li", "李", JUNIOR_RADIOLOGIST, false, 0,
                Instant.EPOCH), SignOffAction.SUBMIT, 2, null)).hasMessageContaining("disabled");
    }
}
