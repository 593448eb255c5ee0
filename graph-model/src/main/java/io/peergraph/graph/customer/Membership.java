package io.peergraph.graph.customer;

/** A person's membership of an organisation, with the role that decides what they may do with its stuff. */
public record Membership(Customer organisation, Role role) {

    public enum Role { OWNER, ADMIN, MEMBER, VIEWER }
}
