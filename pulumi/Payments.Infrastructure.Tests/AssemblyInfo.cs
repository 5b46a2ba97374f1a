// Pulumi keeps the running deployment in process-wide state, so Deployment.TestAsync runs must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
