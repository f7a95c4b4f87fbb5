resource "aws_efs_file_system" "scans" {
  creation_token = "clinic-scans"
  encrypted      = true
  kms_key_id     = aws_kms_key.phi.arn
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "clinic-sessions"
  description                = "portal sessions"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
}

# SSE-SQS is the default for new queues.
resource "aws_sqs_queue" "hl7_inbound" {
  name = "clinic-hl7-inbound"
}

resource "aws_sqs_queue" "claims" {
  name                    = "clinic-claims"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = aws_kms_key.phi.arn
}

resource "aws_sns_topic" "patient_notifications" {
  name              = "clinic-patient-notifications"
  kms_master_key_id = "alias/aws/sns"
}

# Operational alarms, no patient data.
resource "aws_sns_topic" "ops_alarms" {
  name = "clinic-ops-alarms"
}

# DynamoDB is always encrypted at rest; this only picks the AWS owned key.
resource "aws_dynamodb_table" "appointments" {
  name         = "clinic-appointments"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled = false
  }
}
