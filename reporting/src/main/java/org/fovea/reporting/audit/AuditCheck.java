package org.fovea.reporting.audit;

import java.util.List;

/** What verifying the chain found: how many records were checked and each break, in words. */
public record AuditCheck(long checked, List<String> problems, String headHash) {

    public boolean intact() {
        return problems.isEmpty();
    }
}
