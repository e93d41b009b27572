package org.fovea.center;

/**
 * What an account of the center may do: a grassroots hospital's doctor submits requests and sees
 * their hospital's; an expert reports what is assigned to them or their group; a coordinator
 * assigns, reassigns and cancels; an administrator manages hospitals, accounts, groups and rules;
 * a research platform reads de-identified reported studies only (X3), never a request.
 */
public enum Role {
    DOCTOR, EXPERT, COORDINATOR, ADMIN, RESEARCHER;

    /** Whether the role works at the center (sees requests of every hospital it is given). */
    public boolean atCenter() {
        return this != DOCTOR && this != RESEARCHER;
    }
}
