package org.fovea.reporting.workflow;

import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;

import java.util.ArrayList;
import java.util.List;

/**
 * The sign-off rules (P2, P7): who may take a report from where to where, for a chain of 1 to 3
 * levels. Level 1 is the author's own signed submission; each later level is one reviewer's
 * signature; the last is the final one. With three levels a junior writes, a senior approves
 * and the chief signs final; with two, a senior (or the chief) signs final; with one, the author
 * signs final, so must be allowed to review. Nobody signs two levels of one report. A reviewer
 * may edit a submitted report waiting for them (the versions record it) or return it with a
 * reason; a final report changes only by recall (with a reason) or by a signed addendum. Pure:
 * the state in, the next state or the reason out.
 */
public final class SignOff {

    private SignOff() {
    }

    /** The permission the signature at {@code level} of {@code levels} needs. */
    public static Permission permissionFor(int level, int levels) {
        if (level == levels) {
            return levels == 3 ? Permission.SIGN_FINAL : Permission.REVIEW_REPORT;
        }
        return level == 1 ? Permission.WRITE_REPORT : Permission.REVIEW_REPORT;
    }

    /**
     * The state after {@code user} does {@code action}, or why not.
     *
     * @param levels the department's number of levels for this report's exam, used when the
     *               report is submitted (a report already in review keeps its own)
     * @param reason the reason of a return or a recall (required there)
     */
    public static SignOffState apply(SignOffState s, User user, SignOffAction action, int levels, String reason)
            throws SignOffRefused {
        if (levels < 1 || levels > 3) {
            throw new IllegalArgumentException("sign-off has 1 to 3 levels, not " + levels);
        }
        if (!user.active()) {
            throw new SignOffRefused(user.login() + " is disabled");
        }
        String who = user.displayName() + " (" + user.role().chinese() + ")";
        switch (action) {
            case EDIT -> {
                if (s.status() == ReportStatus.FINAL) {
                    throw new SignOffRefused("The report is final and signed: recall it or add an addendum to change it");
                }
                if (s.status() == ReportStatus.SUBMITTED) {
                    requireNextSigner(s, user, who, s.levels());
                } else {
                    requireAuthor(s, user, who, "change");
                }
                return s;
            }
            case ISSUE_PRELIMINARY -> {
                requireStatus(s, action, ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.PRELIMINARY);
                requireAuthor(s, user, who, "issue as preliminary");
                return new SignOffState(ReportStatus.PRELIMINARY, s.levels(), List.of(), s.author(), s.corrected());
            }
            case SUBMIT -> {
                requireStatus(s, action, ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.PRELIMINARY,
                        ReportStatus.RECALLED);
                requireAuthor(s, user, who, "submit");
                int n = s.levels() == 0 ? levels : s.levels();
                requirePermission(user, who, 1, n);
                List<String> signers = List.of(user.login());
                return new SignOffState(n == 1 ? ReportStatus.FINAL : ReportStatus.SUBMITTED, n, signers, s.author(),
                        s.corrected());
            }
            case APPROVE -> {
                requireStatus(s, action, ReportStatus.SUBMITTED);
                requireNextSigner(s, user, who, s.levels());
                List<String> signers = new ArrayList<>(s.signers());
                signers.add(user.login());
                boolean last = signers.size() == s.levels();
                return new SignOffState(last ? ReportStatus.FINAL : ReportStatus.SUBMITTED, s.levels(), signers,
                        s.author(), s.corrected());
            }
            case RETURN -> {
                requireStatus(s, action, ReportStatus.SUBMITTED);
                requireNextSigner(s, user, who, s.levels());
                requireReason(reason, "return");
                return new SignOffState(ReportStatus.RETURNED, s.levels(), List.of(), s.author(), s.corrected());
            }
            case RECALL -> {
                requireStatus(s, action, ReportStatus.FINAL);
                if (!user.may(Permission.RECALL_REPORT)) {
                    throw new SignOffRefused(who + " may not recall a final report");
                }
                requireReason(reason, "recall");
                return new SignOffState(ReportStatus.RECALLED, s.levels(), List.of(), s.author(), true);
            }
            case ADDENDUM -> {
                requireStatus(s, action, ReportStatus.FINAL);
                if (!user.may(Permission.WRITE_REPORT)) {
                    throw new SignOffRefused(who + " may not write an addendum");
                }
                return s;
            }
            default -> throw new IllegalStateException(action.name());
        }
    }

    private static void requireStatus(SignOffState s, SignOffAction action, ReportStatus... allowed)
            throws SignOffRefused {
        for (ReportStatus a : allowed) {
            if (s.status() == a) {
                return;
            }
        }
        throw new SignOffRefused("A report that is " + s.status().name().toLowerCase(java.util.Locale.ROOT)
                + " cannot be " + past(action));
    }

    private static String past(SignOffAction a) {
        return switch (a) {
            case EDIT -> "changed";
            case ISSUE_PRELIMINARY -> "issued as preliminary";
            case SUBMIT -> "submitted";
            case APPROVE -> "approved";
            case RETURN -> "returned";
            case RECALL -> "recalled";
            case ADDENDUM -> "given an addendum";
        };
    }

    private static void requireAuthor(SignOffState s, User user, String who, String what) throws SignOffRefused {
        if (!user.may(Permission.WRITE_REPORT)) {
            throw new SignOffRefused(who + " may not write reports");
        }
        if (!s.author().equals(user.login())) {
            throw new SignOffRefused("Only the report's author (" + s.author() + ") may " + what + " it now");
        }
    }

    private static void requireNextSigner(SignOffState s, User user, String who, int levels) throws SignOffRefused {
        if (s.signers().contains(user.login()) || s.author().equals(user.login())) {
            throw new SignOffRefused(who + " has already signed this report or wrote it, and may not review it");
        }
        requirePermission(user, who, s.nextLevel(), levels);
    }

    private static void requirePermission(User user, String who, int level, int levels) throws SignOffRefused {
        Permission p = permissionFor(level, levels);
        if (!user.may(p)) {
            throw new SignOffRefused(who + " may not sign level " + level + " of " + levels
                    + (level == levels ? " (the final signature)" : ""));
        }
    }

    private static void requireReason(String reason, String what) throws SignOffRefused {
        if (reason == null || reason.isBlank()) {
            throw new SignOffRefused("Say why you " + what + " the report: the reason is recorded and searchable");
        }
    }
}
