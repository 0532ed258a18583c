"""caplens on Airflow: hourly ingest per source, nightly transform and report (UTC).

Needs apache-airflow-providers-apache-spark and a Spark connection `caplens_spark` whose host is
the cluster master (yarn, spark://HOST:7077 or k8s://https://...). The nightly task passes the
run's day as --date, so clearing a past run (or `airflow dags backfill`) recomputes exactly that
day; caplens nightly is idempotent for a day. See docs/operations.md.
"""
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

CAPLENS_JAR = "/opt/caplens/caplens-spark.jar"
CONFIG = "/etc/caplens/caplens.yaml"
MAIN_CLASS = "dev.caplens.jobs.CaplensCli"
S3A_COMMITTER = {
    "spark.hadoop.fs.s3a.committer.name": "magic",
    "spark.sql.sources.commitProtocolClass": "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol",
    "spark.sql.parquet.output.committer.class": "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter",
}

default_args = {
    "owner": "finops",
    "retries": 1,
    "retry_delay": timedelta(minutes=10),
}

with DAG(
    dag_id="caplens_ingest",
    schedule="5 * * * *",
    start_date=pendulum.datetime(2026, 11, 1, tz="UTC"),
    catchup=False,  # an observation is of "now": a missed hour cannot be read later
    max_active_runs=1,
    default_args=default_args,
    tags=["caplens"],
) as ingest_dag:
    for source in ("aws", "outposts", "aliyun"):
        SparkSubmitOperator(
            task_id=f"ingest_{source}",
            conn_id="caplens_spark",
            application=CAPLENS_JAR,
            java_class=MAIN_CLASS,
            name=f"caplens-ingest-{source}",
            # No --snapshot-time: an observation is recorded for the instant it is actually read.
            application_args=["--quiet", "ingest", "--provider", source, "--config", CONFIG],
            deploy_mode="client",
            execution_timeout=timedelta(minutes=30),
        )

with DAG(
    dag_id="caplens_nightly",
    schedule="30 2 * * *",
    start_date=pendulum.datetime(2026, 11, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["caplens"],
) as nightly_dag:
    SparkSubmitOperator(
        task_id="nightly",
        conn_id="caplens_spark",
        application=CAPLENS_JAR,
        java_class=MAIN_CLASS,
        name="caplens-nightly",
        # {{ ds }} is the day the run's interval starts: yesterday, for a run at 02:30 UTC.
        application_args=["nightly", "--config", CONFIG, "--date", "{{ ds }}"],
        conf=S3A_COMMITTER,
        executor_memory="4g",
        executor_cores=2,
        num_executors=2,
        deploy_mode="client",
        execution_timeout=timedelta(hours=3),
    )
