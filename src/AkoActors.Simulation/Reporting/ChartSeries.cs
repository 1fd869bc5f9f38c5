namespace AkoActors.Simulation.Reporting;

/// <summary>One line of a <see cref="SvgChart.Line"/> plot.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);
