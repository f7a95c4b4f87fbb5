# A private, KMS-encrypted, access-logged bucket for patient documents.
variable "name" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

variable "log_bucket" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  tags = {
    DataClassification = "phi"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "this" {
  bucket        = aws_s3_bucket.this.id
  target_bucket = var.log_bucket
  target_prefix = "s3/${var.name}/"
}

output "bucket_id" {
  value = aws_s3_bucket.this.id
}
