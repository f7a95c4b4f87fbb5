resource "aws_cloudtrail" "main" {
  name                       = "clinic-trail"
  s3_bucket_name             = aws_s3_bucket.trail_logs.id
  enable_logging             = true
  enable_log_file_validation = true
  is_multi_region_trail      = true
}

resource "aws_s3_bucket" "trail_logs" {
  bucket = "clinic-phi-trail-logs"
}

resource "aws_db_instance" "ehr" {
  identifier                      = "clinic-ehr"
  engine                          = "postgres"
  instance_class                  = "db.t3.medium"
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = var.db_log_types
}

variable "db_log_types" {
  type    = list(string)
  default = ["postgresql", "upgrade"]
}

resource "aws_lb" "portal" {
  name    = "clinic-portal"
  subnets = var.public_subnets
  access_logs {
    bucket  = aws_s3_bucket.trail_logs.id
    enabled = true
  }
}

# Network load balancers pass TCP through; there is no HTTP request log to keep.
resource "aws_lb" "hl7_feed" {
  name               = "clinic-hl7"
  load_balancer_type = "network"
  subnets            = var.private_subnets
}

resource "aws_s3_bucket" "phi_exports" {
  bucket = "clinic-phi-exports"
}

resource "aws_s3_bucket_logging" "phi_exports" {
  bucket        = aws_s3_bucket.phi_exports.id
  target_bucket = aws_s3_bucket.trail_logs.id
  target_prefix = "s3/phi-exports/"
}

resource "aws_s3_bucket" "patient_scans" {
  bucket = "clinic-patient-scans"
  logging {
    target_bucket = aws_s3_bucket.trail_logs.id
  }
}

# Not PHI: no access log expected.
resource "aws_s3_bucket" "static_assets" {
  bucket = "clinic-static-assets"
}

module "patient_photos" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "clinic-patient-photos"
  logging = {
    target_bucket = aws_s3_bucket.trail_logs.id
    target_prefix = "s3/photos/"
  }
}
