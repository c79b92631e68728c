package io.distsync.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a public operation needs. Every operation of the contract carries one (a test checks);
 * an operation without it needs {@link Role#ADMIN}, so a forgotten one fails closed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {
  Role value();
}
