# Bucket encryption lives here, apart from the buckets (AWS provider v4+ style).
resource "aws_s3_bucket_server_side_encryption_configuration" "phi_exports" {
  bucket = aws_s3_bucket.phi_exports.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.phi.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "portal_uploads" {
  bucket = aws_s3_bucket.portal_uploads.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.phi.arn
    }
  }
}

# Log buckets: SSE-S3 is enough, they hold no patient data.
resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  for_each = toset([aws_s3_bucket.access_logs.id, aws_s3_bucket.cloudtrail_logs.id])
  bucket   = each.value
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
