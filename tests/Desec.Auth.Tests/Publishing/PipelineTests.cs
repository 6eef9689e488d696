using Desec.Auth.Publishing;
using Desec.Zone.Names;

namespace Desec.Auth.Tests.Publishing;

/// <summary>
/// The order of the pipeline (journal, then serve, then NOTIFY), the folding of reasons that arrive
/// together into one round, and what happens to a zone that is removed.
/// </summary>
public sealed class PipelineTests
{
    private static readonly DnsName A = DnsName.Parse("a.test.");

    [Fact]
    public async Task A_version_is_journaled_before_it_is_served_and_notified_after()
    {
        await using var f = await PublisherFixture.StartAsync(["a.test."]);
        uint before = f.Serial("a.test.")!.Value;
        var problems = new List<string>();
        var checkedSteps = new HashSet<PublishStep>();
        f.Observer.Before = (zone, step, serial) =>
        {
            if (zone != A || serial is not { } next || next == before) { return; }
            uint? served = f.Serial("a.test."), journaled = f.Server.Journals.Get(A).NewestSerial;
            lock (problems)
            {
                checkedSteps.Add(step);
                // Before the journal step nothing is journaled or served; before the store step it is journaled, not served.
                if (step == PublishStep.Journal && (served != before || journaled == next)) { problems.Add($"journal: served {served}, journaled {journaled}"); }
                if (step == PublishStep.Store && (served != before || journaled != next)) { problems.Add($"store: served {served}, journaled {journaled}"); }
            }
        };
        f.Secondary.OnNotify = n =>
        {
            if (n.Zone != A || n.Serial == before) { return; }
            uint? served = f.Serial("a.test."), journaled = f.Server.Journals.Get(A).NewestSerial;
            lock (problems)
            {
                checkedSteps.Add(PublishStep.Notify);
                // When the secondary hears of it, the version is served, and an IXFR to it can be answered.
                if (served != n.Serial || journaled != n.Serial) { problems.Add($"notify {n.Serial}: served {served}, journaled {journaled}"); }
            }
        };
        int seenBefore = f.Observer.Seen.Count;
        f.Add("a.test.", "new");
        f.Server.Reload();
        Assert.True(PublisherFixture.WaitUntil(() => { lock (problems) { return checkedSteps.Contains(PublishStep.Notify); } }), "no NOTIFY for the new version");
        Assert.Empty(problems);
        Assert.Equal([PublishStep.Journal, PublishStep.Store, PublishStep.Notify], checkedSteps.Order());
        var order = f.Observer.Seen.Skip(seenBefore).Where(s => s.Zone == A).Select(s => s.Step).ToList();
        Assert.Equal([PublishStep.Sign, PublishStep.Journal, PublishStep.Store, PublishStep.Notify], order);
    }

    [Fact]
    public async Task Reasons_that_arrive_during_a_round_are_folded_into_one_round()
    {
        await using var f = await PublisherFixture.StartAsync(["a.test.", "b.test."]);
        using var gate = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        f.Observer.Before = (zone, step, _) =>
        {
            if (zone == A && step == PublishStep.Sign && !gate.IsSet) { entered.Set(); gate.Wait(TimeSpan.FromSeconds(30)); }
        };
        int rounds = f.Server.Publisher.Rounds;
        f.Add("a.test.", "held");
        f.Server.Reload();
        Assert.True(entered.Wait(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken), "the round did not start");
        // While that round waits: sixty reasons, and a change to each zone.
        f.Add("a.test.", "later");
        f.Add("b.test.", "later");
        for (int i = 0; i < 20; i++)
        {
            f.Server.Reload();
            f.Server.Publisher.Post(null, PublishReason.FolderChanged);
            f.Server.Publisher.Post(DnsName.Parse("b.test."), PublishReason.Update);
        }
        gate.Set();
        Assert.True(PublisherFixture.WaitUntil(() => f.Serves("a.test.", "later") && f.Serves("b.test.", "later")));
        // Settled: no more rounds come.
        int settled;
        do
        {
            settled = f.Server.Publisher.Rounds;
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        while (f.Server.Publisher.Rounds != settled);
        Assert.Equal(rounds + 2, settled);
    }

    [Fact]
    public async Task Requests_pending_together_make_one_batch()
    {
        var queue = new PublishQueue();
        queue.Post(DnsName.Parse("a.test."), PublishReason.DatabaseNotification);
        queue.Post(DnsName.Parse("a.test."), PublishReason.DatabaseNotification);
        queue.Post(DnsName.Parse("b.test."), PublishReason.DatabaseNotification);
        queue.Post(null, PublishReason.Hangup);
        queue.Post(null, PublishReason.SignatureRefresh);
        queue.Post(DnsName.Parse("c.test."), PublishReason.Retry);
        var batch = await queue.NextBatchAsync(TestContext.Current.CancellationToken);
        Assert.True(batch.ReadFolder);
        Assert.True(batch.CompareDatabase);
        Assert.Equal([DnsName.Parse("a.test."), DnsName.Parse("b.test.")], batch.DatabaseZones.Order());
        Assert.Equal([DnsName.Parse("c.test.")], batch.Zones);
        Assert.Equal(4, batch.Reasons.Count);
        // Nothing is left for another round.
        using var soon = new CancellationTokenSource(200);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.NextBatchAsync(soon.Token));
    }

    [Fact]
    public async Task A_removed_zone_is_no_longer_served_or_notified_and_its_journal_is_dropped()
    {
        await using var f = await PublisherFixture.StartAsync(["a.test.", "b.test."]);
        f.Add("a.test.", "new");
        f.Server.Reload();
        Assert.True(PublisherFixture.WaitUntil(() => f.Serves("a.test.", "new")));
        string journal = Desec.Auth.Transfer.Journal.PathOf(Path.Combine(f.State, "journal"), A);
        Assert.True(File.Exists(journal));

        File.Delete(f.PathOf("a.test."));
        f.Server.Reload();
        Assert.True(PublisherFixture.WaitUntil(() => f.Served("a.test.") is null));
        // Dropped in the same round, right after the store no longer holds it.
        Assert.True(PublisherFixture.WaitUntil(() => !File.Exists(journal)), "the journal file is still there");
        Assert.Null(f.Status("a.test."));
        Assert.NotNull(f.Served("b.test."));
    }
}
