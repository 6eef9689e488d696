namespace Desec.Zone.Zones;

/// <summary>What building a zone produced: the zone when there was no error, every error and every warning.</summary>
public sealed class ZoneBuildResult
{
    public Zone? Zone { get; init; }
    public List<ZoneProblem> Errors { get; } = [];
    public List<ZoneProblem> Warnings { get; } = [];
    public bool Success => Zone is not null && Errors.Count == 0;
}
