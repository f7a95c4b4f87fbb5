resource "aws_cloudtrail" "main" {
  name                       = "clinic-trail"
  s3_bucket_name             = aws_s3_bucket.trail_logs.id
  enable_logging             = false # expect: tf-audit-logging-disabled
  enable_log_file_validation = false # expect: tf-audit-logging-disabled
  is_multi_region_trail      = true
}

resource "aws_cloudtrail" "secondary" { # expect: tf-audit-logging-disabled
  name           = "clinic-trail-secondary"
  s3_bucket_name = aws_s3_bucket.trail_logs.id
}

resource "aws_cloudtrail" "regional" {
  name                       = "clinic-trail-regional"
  s3_bucket_name             = aws_s3_bucket.trail_logs.id
  enable_log_file_validation = true
  is_multi_region_trail      = false # expect: tf-audit-logging-disabled
}

resource "aws_s3_bucket" "trail_logs" {
  bucket = "clinic-trail-logs"
}

resource "aws_db_instance" "ehr" { # expect: tf-audit-logging-disabled
  identifier        = "clinic-ehr"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  storage_encrypted = true
}

resource "aws_rds_cluster" "claims" {
  cluster_identifier              = "clinic-claims"
  engine                          = "aurora-postgresql"
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = [] # expect: tf-audit-logging-disabled
}

resource "aws_lb" "portal" { # expect: tf-audit-logging-disabled
  name    = "clinic-portal"
  subnets = var.public_subnets
}

resource "aws_lb" "staff" {
  name               = "clinic-staff"
  load_balancer_type = "application"
  subnets            = var.public_subnets
  access_logs {
    bucket  = aws_s3_bucket.trail_logs.id
    enabled = false # expect: tf-audit-logging-disabled
  }
}

resource "aws_s3_bucket" "phi_exports" { # expect: tf-audit-logging-disabled
  bucket = "clinic-phi-exports"
}

module "patient_photos" { # expect: tf-audit-logging-disabled
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "clinic-patient-photos"
}
