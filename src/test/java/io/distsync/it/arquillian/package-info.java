/** The Arquillian test: a ShrinkWrap deployment into a Liberty server Arquillian manages. */
package io.distsync.it.arquillian;
