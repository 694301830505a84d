package io.timetravel.gui;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of the desktop that belongs with the views although it is neither an FXML
 * controller nor a node: it builds, places or drives controls for them (dialogs, chart axes,
 * table columns, window placement). Every other class of {@code gui} that is not a view holds
 * no controls, nodes or windows: {@code ArchitectureTest.onlyViewsHoldControls} checks it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ViewSide {
}
