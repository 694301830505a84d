package io.timetravel.gui.dashboard;

import io.timetravel.gui.ViewSide;
import io.timetravel.gui.dashboard.DashboardViewModel.Point;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * Keeps a chart series equal to a view model's list of points, change by change: a tick appends
 * a point and drops the oldest, so the chart never rebuilds its whole line.
 */
@ViewSide
final class ChartFeed {

    private ChartFeed() {
    }

    /** A series named {@code name} that follows {@code points} from now on. */
    static XYChart.Series<Number, Number> series(String name, ObservableList<Point> points) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        series.getData().setAll(data(points));
        points.addListener((ListChangeListener<Point>) change -> {
            ObservableList<XYChart.Data<Number, Number>> data = series.getData();
            while (change.next()) {
                if (change.wasRemoved()) {
                    data.remove(change.getFrom(), change.getFrom() + change.getRemovedSize());
                }
                if (change.wasAdded()) {
                    data.addAll(change.getFrom(), data(change.getAddedSubList()));
                }
            }
        });
        return series;
    }

    private static List<XYChart.Data<Number, Number>> data(List<? extends Point> points) {
        return points.stream().map(point -> new XYChart.Data<Number, Number>(point.time(), point.value())).toList();
    }
}
